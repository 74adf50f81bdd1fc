package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryPasswordEncoder;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ReadOnlyEntry;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;
import vn.congvu.directory.password.SaltedSha;

/**
 * The embedded server's side of {@link SaltedSha}: UnboundID's encoder interface around the project's one hasher.
 *
 * <p>Written here rather than using UnboundID's SaltedMessageDigestInMemoryPasswordEncoder because that one shares a
 * single MessageDigest between all connections, which concurrent binds would corrupt.
 */
final class SaltedShaPasswordEncoder extends InMemoryPasswordEncoder {

    private final SaltedSha scheme;

    private SaltedShaPasswordEncoder(SaltedSha scheme) {
        super(scheme.prefix(), Base64PasswordEncoderOutputFormatter.getInstance());
        this.scheme = scheme;
    }

    /** What clear-text passwords are stored as: {SSHA} is what OpenLDAP and 389-DS verify out of the box. */
    static SaltedShaPasswordEncoder ssha() {
        return new SaltedShaPasswordEncoder(SaltedSha.SSHA);
    }

    static SaltedShaPasswordEncoder ssha256() {
        return new SaltedShaPasswordEncoder(SaltedSha.SSHA256);
    }

    static SaltedShaPasswordEncoder ssha512() {
        return new SaltedShaPasswordEncoder(SaltedSha.SSHA512);
    }

    @Override
    protected byte[] encodePassword(byte[] clearPassword, ReadOnlyEntry userEntry, List<Modification> modifications) {
        return scheme.encode(clearPassword);
    }

    @Override
    protected void ensurePreEncodedPasswordAppearsValid(byte[] encoded, ReadOnlyEntry userEntry,
            List<Modification> modifications) throws LDAPException {
        if (!scheme.holdsASalt(encoded)) {
            throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION,
                    getPrefix() + " value too short to hold a " + scheme.algorithm() + " digest and a salt");
        }
    }

    @Override
    protected boolean passwordMatches(byte[] clearPassword, byte[] encoded, ReadOnlyEntry userEntry) {
        return scheme.matches(clearPassword, encoded);
    }

    @Override
    protected byte[] extractClearPassword(byte[] encoded, ReadOnlyEntry userEntry) throws LDAPException {
        throw new LDAPException(ResultCode.NOT_SUPPORTED, getPrefix() + " is a one-way hash");
    }

    @Override
    public void toString(StringBuilder buffer) {
        buffer.append("SaltedShaPasswordEncoder(").append(getPrefix()).append(')');
    }
}
