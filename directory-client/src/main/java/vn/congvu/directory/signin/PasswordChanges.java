package vn.congvu.directory.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ldaptive.ActivePassiveConnectionStrategy;
import org.ldaptive.AttributeModification;
import org.ldaptive.BindResponse;
import org.ldaptive.Connection;
import org.ldaptive.ConnectionConfig;
import org.ldaptive.DefaultConnectionFactory;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;
import org.ldaptive.LdapException;
import org.ldaptive.ResultCode;
import org.ldaptive.SimpleBindRequest;
import org.ldaptive.extended.ExtendedOperation;
import org.ldaptive.extended.ExtendedResponse;
import org.ldaptive.extended.PasswordModifyRequest;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.password.InitialPassword;

/**
 * Passwords set through the Password Modify extended operation (RFC 3062), so the server hashes and stores them its
 * own way: by the official (bound as themselves, giving the current password) or by the service account (after the
 * console checked who is asking, e.g. with a reset code). After a change the must-change flag is gone, the history
 * has the new password's {SSHA} hash, {@code congvuPasswordChangedAt} is now and the failure count is 0. An
 * administrator's reset sets a random initial password and the must-change flag again. Used through
 * {@link SignInPolicy}.
 */
final class PasswordChanges {

    static final String WRONG_CURRENT = "Mật khẩu hiện tại không đúng.";
    private static final String[] READ = {"uid", "cn", OfficialAttributes.STATUS, OfficialAttributes.MUST_CHANGE,
            SignInAttributes.FAILED_SIGN_INS, SignInAttributes.LOCKED_UNTIL, SignInAttributes.PASSWORD_CHANGED_AT,
            SignInAttributes.PASSWORD_HISTORY};

    private final DirectoryClient client;
    private final AccountPolicy policy;
    private final Clock clock;
    private final Lockout lockout;
    private final PasswordRules rules;
    private final InitialPassword initialPasswords = new InitialPassword();

    PasswordChanges(DirectoryClient client, AccountPolicy policy, Clock clock, Lockout lockout) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
        this.lockout = lockout;
        this.rules = new PasswordRules(policy);
    }

    /**
     * The official changes their own password. Empty when done; otherwise the sentences saying why not (a wrong
     * current password also counts as a failed sign-in; a locked account is refused).
     */
    List<String> changeOwn(String dn, String current, String next) {
        LdapEntry entry = read(dn);
        SignInState state = SignInState.of(entry);
        if (state.lockedAt(clock.instant())) {
            return List.of(new SignInMessages(policy).text(SignInDecision.LOCKED));
        }
        if (current == null || current.isEmpty()) {
            return List.of(WRONG_CURRENT); // an empty password would be an anonymous bind
        }
        DefaultConnectionFactory factory = new DefaultConnectionFactory(ownConnection(client.settings()));
        try (Connection c = factory.getConnection()) {
            c.open();
            BindResponse bind = c.operation(new SimpleBindRequest(dn, current)).execute();
            if (bind.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                lockout.recordFailure(dn);
                return List.of(WRONG_CURRENT);
            }
            if (!bind.isSuccess()) {
                throw DirectoryClient.failure("bind as " + dn, new LdapException(bind));
            }
            PasswordHistory history = history(entry);
            List<String> problems = rules.problems(next, state.uid(), state.fullName(), history, current);
            if (!problems.isEmpty()) {
                return problems;
            }
            check(c.operation(new PasswordModifyRequest(dn, current, next)).execute(), dn);
            changed(dn, next, history);
            return List.of();
        } catch (LdapException e) {
            throw DirectoryClient.failure("change the password of " + dn, e);
        } finally {
            factory.close();
        }
    }

    /** The service account sets a password the official chose (the caller checked who they are). */
    List<String> changeByService(String dn, String next) {
        LdapEntry entry = read(dn);
        SignInState state = SignInState.of(entry);
        PasswordHistory history = history(entry);
        List<String> problems = rules.problems(next, state.uid(), state.fullName(), history);
        if (!problems.isEmpty()) {
            return problems;
        }
        serviceModify(dn, next);
        changed(dn, next, history);
        return List.of();
    }

    /** An administrator's reset: a new random initial password, to be changed at first use. Returns it. */
    String reset(String dn) {
        read(dn); // an unknown DN fails here, before a password is made for it
        String password = initialPasswords.generate();
        serviceModify(dn, password);
        List<AttributeModification> mods = new ArrayList<>(List.of(Lockout.clearModifications()));
        mods.add(EntryWrites.replace(OfficialAttributes.MUST_CHANGE, "TRUE"));
        EntryWrites.modify(client, dn, mods.toArray(AttributeModification[]::new));
        return password;
    }

    private void serviceModify(String dn, String password) {
        try {
            check(new ExtendedOperation(client.connectionFactory())
                    .execute(new PasswordModifyRequest(dn, null, password)), dn);
        } catch (LdapException e) {
            throw DirectoryClient.failure("set the password of " + dn, e);
        }
    }

    /** What follows every change: flag off, history, time, count and lock cleared; one modify. */
    private void changed(String dn, String password, PasswordHistory history) {
        Instant now = clock.instant();
        List<AttributeModification> mods = new ArrayList<>(List.of(Lockout.clearModifications()));
        mods.add(EntryWrites.replace(OfficialAttributes.MUST_CHANGE));
        mods.add(EntryWrites.replace(SignInAttributes.PASSWORD_CHANGED_AT, SignInAttributes.time(now)));
        List<String> kept = policy.history() == 0 ? List.of()
                : history.with(password, now, policy.history()).ldapValues();
        mods.add(new AttributeModification(AttributeModification.Type.REPLACE,
                new LdapAttribute(SignInAttributes.PASSWORD_HISTORY, kept.toArray(String[]::new))));
        EntryWrites.modify(client, dn, mods.toArray(AttributeModification[]::new));
    }

    private static void check(ExtendedResponse response, String dn) throws LdapException {
        if (!response.isSuccess()) {
            throw new LdapException(response);
        }
    }

    private LdapEntry read(String dn) {
        return client.entry(dn, READ).orElseThrow(() -> new IllegalArgumentException("no entry " + dn));
    }

    private static PasswordHistory history(LdapEntry entry) {
        return PasswordHistory.of(entry.getAttributeStringValues(SignInAttributes.PASSWORD_HISTORY));
    }

    private static ConnectionConfig ownConnection(DirectorySettings s) {
        return ConnectionConfig.builder()
                .url(String.join(" ", s.urls()))
                .connectTimeout(s.connectTimeout())
                .responseTimeout(s.responseTimeout())
                .connectionStrategy(new ActivePassiveConnectionStrategy())
                .build();
    }
}
