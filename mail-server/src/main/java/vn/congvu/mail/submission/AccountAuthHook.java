package vn.congvu.mail.submission;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import vn.congvu.mail.login.FailedLoginDelay;
import vn.congvu.mail.users.SignInOutcomes;
import vn.congvu.mail.users.SignInSource;

/**
 * SMTP AUTH against the accounts repository, with the answer RFC 4954 asks for when the accounts
 * cannot be checked (454 4.7.0, "try again") rather than James 3.8.1's 535, which clients take as
 * a wrong password; repeated failures are slowed down ({@link FailedLoginDelay}), a locked account's
 * included. A right password that must first be changed on the console is answered
 * {@code 535 5.7.8 <sentence>}, the sign-in policy's sentence naming the console ({@link SignInOutcomes}).
 * Listed before CoreCmdHandlerLoader, so James' own auth hook is never reached.
 */
public class AccountAuthHook implements AuthHook {
    private static final HookResult ACCEPTED = HookResult.builder()
        .hookReturnCode(HookReturnCode.ok())
        .smtpDescription("2.7.0 Authentication successful")
        .build();
    private static final HookResult REFUSED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("535")
        .smtpDescription("5.7.8 Authentication credentials invalid")
        .build();
    private static final HookResult TRY_LATER = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode("454")
        .smtpDescription("4.7.0 Temporary authentication failure, try again later")
        .build();

    private final UsersRepository users;
    private final FailedLoginDelay delay;
    private final SignInOutcomes outcomes;
    private final SignInSource source;

    @Inject
    public AccountAuthHook(UsersRepository users, FailedLoginDelay delay, SignInOutcomes outcomes, SignInSource source) {
        this.users = users;
        this.delay = delay;
        this.outcomes = outcomes;
        this.source = source;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        outcomes.forget();
        source.set("smtp", Optional.ofNullable(session.getRemoteAddress()));
        try {
            if (users.test(username, password)) {
                delay.succeeded(username.asString());
                session.setUsername(username);
                session.setRelayingAllowed(true);
                return ACCEPTED;
            }
            var newPassword = outcomes.newPasswordRequired();
            if (newPassword.isPresent()) {
                delay.succeeded(username.asString()); // the password was right: not a guess
                return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode("535")
                    .smtpDescription("5.7.8 " + newPassword.get())
                    .build();
            }
            delay.hold(delay.failed(username.asString()));
            return REFUSED;
        } catch (UsersRepositoryException e) {
            return TRY_LATER;
        } finally {
            outcomes.forget();
            source.clear();
        }
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED; // no OAuth/OIDC on our ports
    }
}
