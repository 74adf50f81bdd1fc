package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryPasswordEncoder;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ReadOnlyEntry;
import com.unboundid.ldap.sdk.ResultCode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * {SSHA}, {SSHA256} and {SSHA512} userPassword values in the OpenLDAP layout: base64(digest(password + salt) + salt).
 *
 * <p>Written here rather than using UnboundID's SaltedMessageDigestInMemoryPasswordEncoder because that one shares a
 * single MessageDigest between all connections, which concurrent binds would corrupt. Values written by other tools
 * are verified whatever their salt length (OpenLDAP uses 4 bytes); clear-text passwords are hashed with 8.
 */
final class SaltedShaPasswordEncoder extends InMemoryPasswordEncoder {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 8;

    private final String algorithm;
    private final int digestLength;

    private SaltedShaPasswordEncoder(String prefix, String algorithm) {
        super(prefix, Base64PasswordEncoderOutputFormatter.getInstance());
        this.algorithm = algorithm;
        this.digestLength = digest().getDigestLength();
    }

    /** What clear-text passwords are stored as: {SSHA} is what OpenLDAP and 389-DS verify out of the box. */
    static SaltedShaPasswordEncoder ssha() {
        return new SaltedShaPasswordEncoder("{SSHA}", "SHA-1");
    }

    static SaltedShaPasswordEncoder ssha256() {
        return new SaltedShaPasswordEncoder("{SSHA256}", "SHA-256");
    }

    static SaltedShaPasswordEncoder ssha512() {
        return new SaltedShaPasswordEncoder("{SSHA512}", "SHA-512");
    }

    @Override
    protected byte[] encodePassword(byte[] clearPassword, ReadOnlyEntry userEntry, List<Modification> modifications) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = hash(clearPassword, salt);
        byte[] encoded = Arrays.copyOf(hash, hash.length + salt.length);
        System.arraycopy(salt, 0, encoded, hash.length, salt.length);
        return encoded;
    }

    @Override
    protected void ensurePreEncodedPasswordAppearsValid(byte[] encoded, ReadOnlyEntry userEntry,
            List<Modification> modifications) throws LDAPException {
        if (encoded.length <= digestLength) {
            throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION,
                    getPrefix() + " value too short to hold a " + algorithm + " digest and a salt");
        }
    }

    @Override
    protected boolean passwordMatches(byte[] clearPassword, byte[] encoded, ReadOnlyEntry userEntry) {
        if (encoded.length <= digestLength) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(encoded, digestLength, encoded.length);
        return MessageDigest.isEqual(hash(clearPassword, salt), Arrays.copyOf(encoded, digestLength));
    }

    @Override
    protected byte[] extractClearPassword(byte[] encoded, ReadOnlyEntry userEntry) throws LDAPException {
        throw new LDAPException(ResultCode.NOT_SUPPORTED, getPrefix() + " is a one-way hash");
    }

    @Override
    public void toString(StringBuilder buffer) {
        buffer.append("SaltedShaPasswordEncoder(").append(getPrefix()).append(')');
    }

    private byte[] hash(byte[] password, byte[] salt) {
        MessageDigest md = digest(); // a fresh instance per call: MessageDigest is not thread-safe
        md.update(password);
        md.update(salt);
        return md.digest();
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
