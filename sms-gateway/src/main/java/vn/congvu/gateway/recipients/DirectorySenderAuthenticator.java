package vn.congvu.gateway.recipients;

import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.directory.signin.SignInResult;

/**
 * A sign-in under the shared policy ({@link SignInPolicy}: failures counted and accounts locked in the directory,
 * for every protocol and node, each failure audited), then membership of {@code notice-senders} (nested groups
 * count). A password that must first be changed on the console does not send notices either.
 */
public final class DirectorySenderAuthenticator implements SenderAuthenticator {

    public static final String SENDERS_GROUP = "notice-senders";

    private static final Logger log = LoggerFactory.getLogger(DirectorySenderAuthenticator.class);

    private final Supplier<DirectoryClient> directoryAccess;
    private final AccountPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    /** The policy on the directory client, made on first use: the client itself may not exist before. */
    private volatile SignInPolicy signIn;

    public DirectorySenderAuthenticator(Supplier<DirectoryClient> directory, AccountPolicy policy, AuditLog audit,
                                        Clock clock) {
        this.directoryAccess = directory;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Result authenticate(String login, String password, String source) {
        try {
            DirectoryClient directory = directoryAccess.get();
            if (password == null || password.isEmpty()) {
                return new Result(Outcome.BAD_CREDENTIALS, null); // an empty password would be an anonymous bind
            }
            SignInResult result = signIn(directory).signIn(login, password, source);
            return switch (result.decision()) {
                case ALLOWED -> directory.isMember(result.account().uid(), SENDERS_GROUP)
                        ? new Result(Outcome.OK, result.account().uid())
                        : new Result(Outcome.NOT_A_SENDER, result.account().uid());
                case MUST_CHANGE, PASSWORD_EXPIRED -> new Result(Outcome.NOT_A_SENDER, result.account().uid());
                case WRONG_PASSWORD, LOCKED, DISABLED -> new Result(Outcome.BAD_CREDENTIALS, null);
            };
        } catch (DirectoryUnavailableException | IllegalStateException e) {
            log.warn("login of {} not checked: directory unavailable ({})", login, e.getMessage());
            return new Result(Outcome.UNAVAILABLE, null);
        } catch (DirectoryException e) {
            log.warn("login of {} not recorded: {}", login, e.getMessage());
            return new Result(Outcome.UNAVAILABLE, null);
        }
    }

    private SignInPolicy signIn(DirectoryClient directory) {
        SignInPolicy current = signIn;
        if (current == null) {
            // Two threads may both build one: equal, and either will do.
            current = new SignInPolicy(directory, policy, clock, audit);
            signIn = current;
        }
        return current;
    }
}
