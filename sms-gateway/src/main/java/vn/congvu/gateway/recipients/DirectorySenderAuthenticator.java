package vn.congvu.gateway.recipients;

import vn.congvu.directory.client.AuthResult;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;

/** An LDAP bind as the official, then membership of {@code notice-senders} (nested groups count). */
public final class DirectorySenderAuthenticator implements SenderAuthenticator {

    public static final String SENDERS_GROUP = "notice-senders";

    private final DirectoryClient directory;

    public DirectorySenderAuthenticator(DirectoryClient directory) {
        this.directory = directory;
    }

    @Override
    public Result authenticate(String login, String password) {
        try {
            AuthResult auth = directory.authenticate(login, password);
            return switch (auth.outcome()) {
                case OK -> directory.isMember(auth.official().uid(), SENDERS_GROUP)
                        ? new Result(Outcome.OK, auth.official().uid())
                        : new Result(Outcome.NOT_A_SENDER, auth.official().uid());
                case UNAVAILABLE -> new Result(Outcome.UNAVAILABLE, null);
                case BAD_CREDENTIALS, DISABLED -> new Result(Outcome.BAD_CREDENTIALS, null);
            };
        } catch (DirectoryUnavailableException e) {
            return new Result(Outcome.UNAVAILABLE, null);
        }
    }
}
