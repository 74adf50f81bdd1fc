package vn.congvu.directory.signin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ldaptive.AttributeModification;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.otp.Base32;
import vn.congvu.directory.otp.OneTimePassword;
import vn.congvu.directory.password.SaltedSha;

/**
 * The second factor of an account: TOTP (RFC 6238, SHA-1, 6 digits, 30 s, {@link OneTimePassword}) and ten
 * recovery codes, all kept in the official's entry so every node agrees.
 *
 * <p>Replay: an accepted code's step goes to {@code congvuTotpLastStep}, and only later steps are accepted. The step
 * is advanced by one modify that deletes the old value and adds the new one ({@link EntryWrites#swap}), so of two
 * nodes given the same code at once the server lets exactly one through; the other finds the old value gone. A
 * recovery code is used up the same way: a modify deleting that exact hash. Refused codes are counted in
 * {@code congvuSecondFactorFailures} (apart from wrong passwords, which a right password clears), and
 * {@code lockout.attempts} of them in a row lock the account like wrong passwords; a locked account's codes are
 * refused unchecked. Secrets and codes never go to the audit log. Used through {@link SignInPolicy#secondFactor()}.
 */
public final class SecondFactor {

    static final String ISSUER = "CongVu";
    private static final int SECRET_BYTES = 20; // 160 bits, RFC 4226's recommended length for HMAC-SHA-1
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] VERIFY = {"uid", SignInAttributes.TOTP_SECRET, SignInAttributes.TOTP_LAST_STEP,
            SignInAttributes.RECOVERY_CODE, SignInAttributes.LOCKED_UNTIL, SignInAttributes.SECOND_FACTOR_FAILURES};

    private final DirectoryClient client;
    private final Clock clock;
    private final AuditLog audit;
    private final SignInPolicy signIn;
    private final Lockout lockout;

    SecondFactor(DirectoryClient client, Clock clock, AuditLog audit, SignInPolicy signIn, Lockout lockout) {
        this.client = client;
        this.clock = clock;
        this.audit = audit;
        this.signIn = signIn;
        this.lockout = lockout;
    }

    /** Whether the account has a confirmed second factor. */
    public boolean enabled(String dn) {
        return read(dn, SignInAttributes.TOTP_SECRET).getAttribute(SignInAttributes.TOTP_SECRET) != null;
    }

    /**
     * A new secret, kept as pending until {@link #confirm}; an active one stays in force until then. Enrolling again
     * replaces a pending secret. The caller lets only the signed-in official (with their current code, when they
     * have one) do this.
     */
    public Enrolment enrol(String dn) {
        LdapEntry entry = read(dn, "uid", "mail");
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        String secret = Base32.encode(key);
        EntryWrites.modify(client, dn, EntryWrites.replace(SignInAttributes.TOTP_PENDING_SECRET, secret));
        String account = entry.getAttributeStringValue("mail");
        if (account == null) {
            account = entry.getAttributeStringValue("uid");
        }
        return new Enrolment(secret, "otpauth://totp/" + ISSUER + ":" + uriPart(account) + "?secret=" + secret
                + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=" + OneTimePassword.DIGITS + "&period="
                + OneTimePassword.STEP_SECONDS);
    }

    /**
     * The official typed a code of the pending secret: it becomes the active one (the code's step counts as used),
     * and the ten recovery codes, returned here once, replace any earlier ones. Empty for a wrong code or nothing
     * pending.
     */
    public Optional<List<String>> confirm(String dn, String code, String source) {
        LdapEntry entry = read(dn, "uid", SignInAttributes.TOTP_PENDING_SECRET);
        String uid = entry.getAttributeStringValue("uid");
        String pending = entry.getAttributeStringValue(SignInAttributes.TOTP_PENDING_SECRET);
        if (pending == null) {
            failed(uid, source, "no enrolment pending");
            return Optional.empty();
        }
        OptionalLong step = OneTimePassword.matchingStep(Base32.decode(pending), digits(code), clock.instant());
        if (step.isEmpty()) {
            failed(uid, source, "wrong code at enrolment");
            return Optional.empty();
        }
        List<String> codes = RecoveryCodes.generate();
        String[] hashes = codes.stream().map(c -> SaltedSha.SSHA.hash(RecoveryCodes.normalise(c)))
                .toArray(String[]::new);
        // deleting the pending value we read makes a concurrent enrolment (another secret) win, not mix
        boolean done = EntryWrites.swap(client, dn, SignInAttributes.TOTP_PENDING_SECRET, pending, null,
                EntryWrites.replace(SignInAttributes.TOTP_SECRET, pending),
                EntryWrites.replace(SignInAttributes.TOTP_LAST_STEP, Long.toString(step.getAsLong())),
                new AttributeModification(AttributeModification.Type.REPLACE,
                        new LdapAttribute(SignInAttributes.RECOVERY_CODE, hashes)));
        if (!done) {
            failed(uid, source, "enrolment replaced meanwhile");
            return Optional.empty();
        }
        audit.record(AuditAction.SECOND_FACTOR_ENABLED, uid, uid, source, null, "totp",
                codes.size() + " recovery codes");
        return Optional.of(codes);
    }

    /**
     * A code typed at sign-in: a TOTP code of a step later than the last one used, or an unused recovery code.
     * Wrong and used codes are counted towards a lock; a locked account is refused without checking the code.
     */
    public SecondFactorResult verify(String dn, String code, String source) {
        LdapEntry entry = read(dn, VERIFY);
        String uid = entry.getAttributeStringValue("uid");
        String secret = entry.getAttributeStringValue(SignInAttributes.TOTP_SECRET);
        Instant now = clock.instant();
        String reason;
        if (secret == null || lockedAt(entry, now)) {
            // not counted: no code was guessed (a caller's mistake, or refused unchecked as a locked sign-in is)
            failed(uid, source, secret == null ? "no second factor set up" : "account locked");
            return SecondFactorResult.REFUSED;
        } else if (code != null && RecoveryCodes.looksLikeOne(code)) {
            if (useRecoveryCode(dn, entry, RecoveryCodes.normalise(code))) {
                int left = entry.getAttribute(SignInAttributes.RECOVERY_CODE).size() - 1;
                audit.record(AuditAction.RECOVERY_CODE_USED, uid, uid, source, null, null, left + " left");
                succeeded(dn, entry);
                return SecondFactorResult.RECOVERY_CODE;
            }
            reason = "wrong or used recovery code";
        } else {
            reason = useTotp(dn, entry, Base32.decode(secret), digits(code), now);
            if (reason == null) {
                succeeded(dn, entry);
                return SecondFactorResult.CODE;
            }
        }
        failed(uid, source, reason);
        signIn.countFailure(lockout, dn, uid, source);
        return SecondFactorResult.REFUSED;
    }

    /** Null when the code is accepted and its step recorded; otherwise why not. */
    private String useTotp(String dn, LdapEntry entry, byte[] key, String code, Instant now) {
        OptionalLong step = OneTimePassword.matchingStep(key, code, now);
        if (step.isEmpty()) {
            return "wrong code";
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            String last = entry.getAttributeStringValue(SignInAttributes.TOTP_LAST_STEP);
            if (last != null && step.getAsLong() <= Long.parseLong(last.strip())) {
                return "code already used";
            }
            if (EntryWrites.swap(client, dn, SignInAttributes.TOTP_LAST_STEP, last,
                    Long.toString(step.getAsLong()))) {
                return null;
            }
            entry = read(dn, SignInAttributes.TOTP_LAST_STEP); // another node used a code meanwhile: compare again
        }
        return "code already used";
    }

    /** Finds the code's hash and deletes exactly that value; false when none matches or another node was first. */
    private boolean useRecoveryCode(String dn, LdapEntry entry, String code) {
        LdapAttribute hashes = entry.getAttribute(SignInAttributes.RECOVERY_CODE);
        if (hashes == null) {
            return false;
        }
        for (String hash : hashes.getStringValues()) {
            if (SaltedSha.verify(code, hash)) {
                return EntryWrites.swap(client, dn, SignInAttributes.RECOVERY_CODE, hash, null);
            }
        }
        return false;
    }

    /** The count of wrong codes back to nothing, written only when there is one. */
    private void succeeded(String dn, LdapEntry entry) {
        String failures = entry.getAttributeStringValue(SignInAttributes.SECOND_FACTOR_FAILURES);
        if (failures != null && !"0".equals(failures.strip())) {
            EntryWrites.modify(client, dn, EntryWrites.replace(SignInAttributes.SECOND_FACTOR_FAILURES));
        }
    }

    private static boolean lockedAt(LdapEntry entry, Instant now) {
        Instant until = SignInAttributes.instant(entry.getAttributeStringValue(SignInAttributes.LOCKED_UNTIL));
        return until != null && now.isBefore(until);
    }

    private void failed(String uid, String source, String reason) {
        audit.record(AuditAction.SECOND_FACTOR_FAILED, uid, uid, source, null, null, reason);
    }

    private static String digits(String code) {
        return code == null ? null : code.replaceAll("\\s", "");
    }

    private LdapEntry read(String dn, String... attributes) {
        return client.entry(dn, attributes).orElseThrow(() -> new IllegalArgumentException("no entry " + dn));
    }

    /** Percent-encodes all but unreserved characters and '@' (RFC 3986), as authenticator apps expect a label. */
    private static String uriPart(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
