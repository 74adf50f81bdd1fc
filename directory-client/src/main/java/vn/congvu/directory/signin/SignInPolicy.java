package vn.congvu.directory.signin;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.Official;

/**
 * The one sign-in policy of every process (IMAP, POP3, SMTP AUTH, the gateway, the console): what to answer an
 * attempt, failures counted and accounts locked through the directory so every node agrees, password changes and
 * resets. The policy is {@code config/accounts/policy.properties} ({@link AccountPolicy}); the state is in the
 * official's entry ({@link SignInAttributes}).
 *
 * <p>A protocol either calls {@link #signIn} (one search, one bind, at most one write), or, when it already searches
 * the account itself, requests {@link #attributes()} in that search and calls {@link #decide}, then
 * {@link #recordFailure} or {@link #recordSuccess}. Both throw
 * {@link vn.congvu.directory.client.DirectoryUnavailableException} when the directory cannot be reached: a temporary
 * failure, not a wrong password.
 *
 * <p>The second factor ({@link #secondFactor()}) and forgotten-password codes ({@link #resetCodes()}) share the
 * lockout, the password changes and the audit log.
 *
 * <p>Every failed sign-in, lock, unlock, password change (and refused change) and reset is written to the
 * {@link AuditLog}: who (the login as typed, or the administrator), the account's uid, from where. Never a password.
 */
public final class SignInPolicy {

    private static final String[] OFFICIAL_AND_DECIDE = Stream.concat(Arrays.stream(OfficialAttributes.READ),
            Arrays.stream(SignInAttributes.DECIDE)).distinct().toArray(String[]::new);

    private final DirectoryClient client;
    private final AccountPolicy policy;
    private final Clock clock;
    private final Lockout lockout;
    private final PasswordChanges changes;
    private final PasswordRules rules;
    private final SignInMessages messages;
    private final AuditLog audit;
    private final SecondFactor secondFactor;
    private final ResetCodes resetCodes;
    private final OutboundBlock outboundBlock;
    private final AccountStatusChanges statuses;

    public SignInPolicy(DirectoryClient client, AccountPolicy policy, Clock clock, AuditLog audit) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.audit = audit;
        this.lockout = Lockout.signIns(client, policy, clock);
        this.changes = new PasswordChanges(client, policy, clock, lockout);
        this.rules = new PasswordRules(policy);
        this.messages = new SignInMessages(policy);
        this.secondFactor = new SecondFactor(client, clock, audit, this, Lockout.secondFactor(client, policy, clock));
        this.resetCodes = new ResetCodes(client, policy, clock, audit, this);
        this.outboundBlock = new OutboundBlock(client, clock, audit);
        this.statuses = new AccountStatusChanges(client, audit);
    }

    /** The policy of the configuration directory, on the system clock. */
    public static SignInPolicy load(DirectoryClient client, AuditLog audit) {
        return new SignInPolicy(client, AccountPolicy.load(), Clock.systemUTC(), audit);
    }

    /** The attributes a caller's own search must return for {@link #decide(LdapEntry, boolean)}. */
    public static String[] attributes() {
        return SignInAttributes.DECIDE.clone();
    }

    public AccountPolicy policy() {
        return policy;
    }

    /** The sentences shown for refused sign-ins. */
    public SignInMessages messages() {
        return messages;
    }

    /** TOTP and recovery codes, under the same failure count and audit log. */
    public SecondFactor secondFactor() {
        return secondFactor;
    }

    /** Forgotten passwords: codes sent by SMS, redeemed for a new password. */
    public ResetCodes resetCodes() {
        return resetCodes;
    }

    /** Accounts whose mail to other domains is refused after too many external recipients. */
    public OutboundBlock outboundBlock() {
        return outboundBlock;
    }

    /** The password rules, for a form that checks before it submits. */
    public PasswordRules rules() {
        return rules;
    }

    /**
     * The whole attempt: finds the login (mail address or uid), refuses a locked account without checking the
     * password, binds, decides and records the failure or the success. {@code source} is where the attempt came
     * from (the client's address; null when not known), for the audit log.
     */
    public SignInResult signIn(String login, String password, String source) {
        Optional<LdapEntry> entry = client.findLoginEntry(login, OFFICIAL_AND_DECIDE);
        if (entry.isEmpty()) {
            audit.record(AuditAction.SIGN_IN_FAILED, login, null, source, null, null, "unknown account");
            return new SignInResult(SignInDecision.WRONG_PASSWORD, null, null);
        }
        SignInState state = SignInState.of(entry.get());
        Official official = OfficialAttributes.toOfficial(entry.get());
        if (state.lockedAt(clock.instant())) {
            audit.record(AuditAction.SIGN_IN_FAILED, login, state.uid(), source, null, null, "account locked");
            return new SignInResult(SignInDecision.LOCKED, state, official);
        }
        boolean passwordOk = client.passwordMatches(state.dn(), password);
        if (passwordOk) {
            recordSuccess(state.dn(), state.failedSignIns());
        } else {
            recordFailure(state.dn(), login, source);
        }
        return new SignInResult(decide(state, passwordOk), state, official);
    }

    /** The decision for an entry found with {@link #attributes()} and a password the caller checked. */
    public SignInDecision decide(LdapEntry entry, boolean passwordOk) {
        return decide(SignInState.of(entry), passwordOk);
    }

    public SignInDecision decide(SignInState state, boolean passwordOk) {
        return state.decide(passwordOk, policy, clock.instant());
    }

    /** The account of a login as the policy sees it; empty for an unknown login. */
    public Optional<SignInState> account(String login) {
        return client.findLoginEntry(login, SignInAttributes.DECIDE).map(SignInState::of);
    }

    /** Counts a failed sign-in (wrong password) of {@code login} from {@code source}; true when it locked the account. */
    public boolean recordFailure(String dn, String login, String source) {
        String uid = uidOf(dn);
        audit.record(AuditAction.SIGN_IN_FAILED, login, uid, source, null, null, "wrong password");
        return countFailure(lockout, dn, uid, source);
    }

    /** Counts a failure the caller audited already (a wrong password or second-factor code); true when it locked. */
    boolean countFailure(Lockout counted, String dn, String uid, String source) {
        boolean locked = counted.recordFailure(dn);
        if (locked) {
            audit.record(AuditAction.ACCOUNT_LOCKED, "system", uid, source, "active", "locked",
                    policy.lockoutAttempts() + " failed sign-ins in a row; locked for "
                            + policy.lockoutDuration().toMinutes() + " minutes");
        }
        return locked;
    }

    /** After a right password; writes only when {@code currentFailureCount} (as read) is not 0. */
    public void recordSuccess(String dn, int currentFailureCount) {
        lockout.recordSuccess(dn, currentFailureCount);
    }

    /**
     * {@code actor} (an administrator) disables or enables the account: a disabled official neither signs in nor
     * receives mail. True when this changed it, false when it already had that status.
     */
    public boolean setStatus(String dn, AccountStatus status, String actor, String source) {
        return statuses.set(dn, status, actor, source);
    }

    /** {@code actor} (an administrator) lifts a lock. */
    public void unlock(String dn, String actor, String source) {
        lockout.unlock(dn);
        audit.record(AuditAction.ACCOUNT_UNLOCKED, actor, uidOf(dn), source, null, "unlocked", null);
    }

    /** The official changes their own password; the problems in Vietnamese, empty when done. */
    public List<String> changePassword(String dn, String currentPassword, String newPassword, String source) {
        List<String> problems = changes.changeOwn(dn, currentPassword, newPassword);
        audited(dn, uidOf(dn), source, problems);
        return problems;
    }

    /**
     * The service account sets the password the official chose, after {@code actor} checked who they are (e.g.
     * {@code reset-code}); the problems, empty when done.
     */
    public List<String> changePasswordAsService(String dn, String newPassword, String actor, String source) {
        List<String> problems = changes.changeByService(dn, newPassword);
        audited(dn, actor, source, problems);
        return problems;
    }

    /** {@code actor}'s reset: returns the new initial password, which must be changed at first use. */
    public String resetPassword(String dn, String actor, String source) {
        String password = changes.reset(dn);
        audit.record(AuditAction.PASSWORD_RESET, actor, uidOf(dn), source, null, "initial password, must change",
                null);
        return password;
    }

    private void audited(String dn, String actor, String source, List<String> problems) {
        if (problems.isEmpty()) {
            audit.record(AuditAction.PASSWORD_CHANGED, actor, uidOf(dn), source, null, null, null);
        } else {
            audit.record(AuditAction.PASSWORD_CHANGE_REFUSED, actor, uidOf(dn), source, null, null,
                    String.join(" ", problems));
        }
    }

    /** The uid of an official's DN ({@code uid=nva,ou=people,...}); the DN itself for any other entry. */
    static String uidOf(String dn) {
        if (!dn.regionMatches(true, 0, "uid=", 0, 4)) {
            return dn;
        }
        StringBuilder uid = new StringBuilder();
        for (int i = 4; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                uid.append(dn.charAt(++i));
            } else if (c == ',' || c == '+') {
                break;
            } else {
                uid.append(c);
            }
        }
        return uid.toString();
    }
}
