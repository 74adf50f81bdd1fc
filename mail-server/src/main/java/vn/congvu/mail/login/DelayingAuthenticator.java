package vn.congvu.mail.login;

import javax.inject.Inject;

import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.exception.MailboxException;

import vn.congvu.mail.users.SignInOutcomes;

/**
 * IMAP LOGIN/AUTHENTICATE through the accounts repository, with {@link FailedLoginDelay} on wrong passwords (a
 * locked account is one). A right password that must first be changed is refused without a delay; the processors
 * answer it with its sentence ({@link LoginResponder}).
 */
public class DelayingAuthenticator implements Authenticator {
    private final UserRepositoryAuthenticator accounts;
    private final FailedLoginDelay delay;
    private final SignInOutcomes outcomes;

    @Inject
    public DelayingAuthenticator(UserRepositoryAuthenticator accounts, FailedLoginDelay delay, SignInOutcomes outcomes) {
        this.accounts = accounts;
        this.delay = delay;
        this.outcomes = outcomes;
    }

    @Override
    public boolean isAuthentic(Username user, CharSequence password) throws MailboxException {
        // A directory outage throws: a temporary failure, not a guess, so no delay is recorded.
        if (accounts.isAuthentic(user, password)) {
            delay.succeeded(user.asString());
            return true;
        }
        if (outcomes.newPasswordRequired().isPresent()) {
            delay.succeeded(user.asString()); // the password was right: not a guess
            return false;
        }
        delay.hold(delay.failed(user.asString()));
        return false;
    }
}
