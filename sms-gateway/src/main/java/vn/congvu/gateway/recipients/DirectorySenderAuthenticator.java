package vn.congvu.gateway.recipients;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.directory.client.AuthResult;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;

/** An LDAP bind as the official, then membership of {@code notice-senders} (nested groups count). */
public final class DirectorySenderAuthenticator implements SenderAuthenticator {

    public static final String SENDERS_GROUP = "notice-senders";

    private static final Logger log = LoggerFactory.getLogger(DirectorySenderAuthenticator.class);

    private final Supplier<DirectoryClient> directoryAccess;

    public DirectorySenderAuthenticator(Supplier<DirectoryClient> directory) {
        this.directoryAccess = directory;
    }

    @Override
    public Result authenticate(String login, String password) {
        try {
            DirectoryClient directory = directoryAccess.get();
            AuthResult auth = directory.authenticate(login, password);
            return switch (auth.outcome()) {
                case OK -> directory.isMember(auth.official().uid(), SENDERS_GROUP)
                        ? new Result(Outcome.OK, auth.official().uid())
                        : new Result(Outcome.NOT_A_SENDER, auth.official().uid());
                case UNAVAILABLE -> new Result(Outcome.UNAVAILABLE, null);
                case BAD_CREDENTIALS, DISABLED -> new Result(Outcome.BAD_CREDENTIALS, null);
            };
        } catch (DirectoryUnavailableException | IllegalStateException e) {
            log.warn("login of {} not checked: directory unavailable ({})", login, e.getMessage());
            return new Result(Outcome.UNAVAILABLE, null);
        }
    }
}
