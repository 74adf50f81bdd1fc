package vn.congvu.directory.signin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.password.SaltedSha;

/**
 * Forgotten passwords: a 6-digit code sent by SMS to the mobile number in the directory, redeemed for a new password
 * the official chooses. Everything is kept in the official's entry, so every node agrees:
 * {@code congvuResetCode} holds the code's {SSHA} hash with its expiry and tries left ({@link StoredResetCode}),
 * {@code congvuResetCodesIssued} the issue times of the last hour ({@link IssueTimes}). Both change only by
 * compare-and-set ({@link EntryWrites#swap}): concurrent wrong tries are each counted, concurrent issues each count
 * against the hourly limit, and of two redeems of one code exactly one gets through.
 *
 * <p>A redeemed code sets the password through the service account ({@link SignInPolicy#changePasswordAsService},
 * actor {@code reset-code}), so the password rules apply; like an administrator's reset it lifts a lock, since the
 * official has shown the phone registered for the account. Used through {@link SignInPolicy#resetCodes()}.
 */
public final class ResetCodes {

    /** One answer for every refusal, so it says nothing of whether the login exists or had a code. */
    public static final String WRONG_CODE = "Mã xác nhận không đúng hoặc đã hết hạn.";
    static final String ACTOR = "reset-code";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] ISSUE = {"uid", "mobile", OfficialAttributes.STATUS,
            SignInAttributes.RESET_CODES_ISSUED};
    private static final String[] REDEEM = {"uid", OfficialAttributes.STATUS, SignInAttributes.RESET_CODE};
    /** Compare-and-set rounds: a node loses one only when another node's write went through, so n racers need n. */
    private static final int ATTEMPTS = 16;

    private final DirectoryClient client;
    private final AccountPolicy policy;
    private final Clock clock;
    private final AuditLog audit;
    private final SignInPolicy signIn;

    ResetCodes(DirectoryClient client, AccountPolicy policy, Clock clock, AuditLog audit, SignInPolicy signIn) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
        this.signIn = signIn;
    }

    /**
     * A new code for {@code login} (uid or mail), replacing any earlier one: what to send, or empty for an unknown
     * login, a disabled account, no mobile number, or the hourly limit reached. The caller answers the same in
     * every case and sends the SMS itself.
     */
    public Optional<ResetCodeMessage> issue(String login, String source) {
        Optional<LdapEntry> found = client.findLoginEntry(login, ISSUE);
        if (found.isEmpty()) {
            refused(login, null, source, "unknown account");
            return Optional.empty();
        }
        LdapEntry entry = found.get();
        String dn = entry.getDn();
        String uid = entry.getAttributeStringValue("uid");
        String mobile = entry.getAttributeStringValue("mobile");
        if (AccountStatus.fromLdap(entry.getAttributeStringValue(OfficialAttributes.STATUS))
                == AccountStatus.DISABLED) {
            refused(login, uid, source, "account disabled");
            return Optional.empty();
        }
        if (mobile == null || mobile.isBlank()) {
            refused(login, uid, source, "no mobile number in the directory");
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!counted(dn, entry.getAttributeStringValue(SignInAttributes.RESET_CODES_ISSUED), now)) {
            refused(login, uid, source, "more than " + policy.resetCodesPerHour() + " codes in an hour");
            return Optional.empty();
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        StoredResetCode stored = new StoredResetCode(now.plus(policy.resetCodeValidity()), policy.resetCodeTries(),
                SaltedSha.SSHA.hash(code));
        EntryWrites.modify(client, dn, EntryWrites.replace(SignInAttributes.RESET_CODE, stored.value()));
        audit.record(AuditAction.RESET_CODE_ISSUED, login, uid, source, null, null,
                "valid " + policy.resetCodeValidity().toMinutes() + " minutes, sent to the mobile number ending "
                        + mobile.substring(Math.max(0, mobile.length() - 3)));
        return Optional.of(new ResetCodeMessage(mobile, code, policy.resetCodeValidity()));
    }

    /** Adds this issue to the last hour's, unless the limit is reached; false then. */
    private boolean counted(String dn, String issued, Instant now) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            IssueTimes lastHour = IssueTimes.parse(issued).lastHour(now);
            if (lastHour.count() >= policy.resetCodesPerHour()) {
                return false;
            }
            if (EntryWrites.swap(client, dn, SignInAttributes.RESET_CODES_ISSUED, issued,
                    lastHour.plus(now).value())) {
                return true;
            }
            issued = client.entry(dn, SignInAttributes.RESET_CODES_ISSUED)
                    .map(e -> e.getAttributeStringValue(SignInAttributes.RESET_CODES_ISSUED)).orElse(null);
        }
        return false; // the count kept changing under us: many requests at once, which the limit is for
    }

    /**
     * The code typed for {@code login} and the new password: empty when the password is set (the code is then gone),
     * otherwise the sentences saying why not: {@link #WRONG_CODE}, or the password rules broken (the code stays
     * valid for another try with a better password).
     */
    public List<String> redeem(String login, String code, String newPassword, String source) {
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<LdapEntry> found = client.findLoginEntry(login, REDEEM);
            String uid = found.map(e -> e.getAttributeStringValue("uid")).orElse(null);
            String raw = found.map(e -> e.getAttributeStringValue(SignInAttributes.RESET_CODE)).orElse(null);
            if (raw == null) {
                return wrong(login, uid, source, found.isEmpty() ? "unknown account" : "no code issued");
            }
            String dn = found.get().getDn();
            StoredResetCode stored = StoredResetCode.parse(raw);
            if (stored.expiredAt(clock.instant())) {
                EntryWrites.swap(client, dn, SignInAttributes.RESET_CODE, raw, null);
                return wrong(login, uid, source, "code expired");
            }
            if (AccountStatus.fromLdap(found.get().getAttributeStringValue(OfficialAttributes.STATUS))
                    == AccountStatus.DISABLED) {
                return wrong(login, uid, source, "account disabled");
            }
            if (!SaltedSha.verify(typed, stored.hash())) {
                String next = stored.afterWrongTry();
                if (EntryWrites.swap(client, dn, SignInAttributes.RESET_CODE, raw, next)) {
                    return wrong(login, uid, source, next == null ? "wrong code, no tries left: code void"
                            : "wrong code, " + (stored.triesLeft() - 1) + " tries left");
                }
                continue; // another try changed the count first: count this one on the new value
            }
            // claim the code before using it, so two redeems of one code cannot both set a password
            if (!EntryWrites.swap(client, dn, SignInAttributes.RESET_CODE, raw, null)) {
                continue;
            }
            List<String> problems = signIn.changePasswordAsService(dn, newPassword, ACTOR, source);
            if (!problems.isEmpty()) {
                // give the code back for a better password, unless a new code was issued meanwhile
                EntryWrites.swap(client, dn, SignInAttributes.RESET_CODE, null, raw);
                return problems;
            }
            audit.record(AuditAction.PASSWORD_RESET_BY_CODE, login, uid, source, null, "password set by the official",
                    "any lock lifted");
            return List.of();
        }
        return wrong(login, null, source, "code kept changing");
    }

    private List<String> wrong(String login, String uid, String source, String why) {
        audit.record(AuditAction.RESET_CODE_WRONG, login, uid, source, null, null, why);
        return List.of(WRONG_CODE);
    }

    private void refused(String login, String uid, String source, String why) {
        audit.record(AuditAction.RESET_CODE_REFUSED, login, uid, source, null, null, why);
    }
}
