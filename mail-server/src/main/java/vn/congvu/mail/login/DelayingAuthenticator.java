package vn.congvu.mail.login;

import javax.inject.Inject;

import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.exception.MailboxException;

/** IMAP LOGIN/AUTHENTICATE through the accounts repository, with {@link FailedLoginDelay} on wrong passwords. */
public class DelayingAuthenticator implements Authenticator {
    private final UserRepositoryAuthenticator accounts;
    private final FailedLoginDelay delay;

    @Inject
    public DelayingAuthenticator(UserRepositoryAuthenticator accounts, FailedLoginDelay delay) {
        this.accounts = accounts;
        this.delay = delay;
    }

    @Override
    public boolean isAuthentic(Username user, CharSequence password) throws MailboxException {
        // A directory outage throws: a temporary failure, not a guess, so no delay is recorded.
        if (accounts.isAuthentic(user, password)) {
            delay.succeeded(user.asString());
            return true;
        }
        delay.hold(delay.failed(user.asString()));
        return false;
    }
}
