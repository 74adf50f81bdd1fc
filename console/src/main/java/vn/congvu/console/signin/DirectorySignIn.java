package vn.congvu.console.signin;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.signin.SignInDecision;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.directory.signin.SignInResult;

/**
 * Spring Security's side of {@link SignInPolicy#signIn}: the mail address or the bare uid and the directory
 * password, failures counted by the shared lockout. A locked account gets the wrong-password answer (the lock says
 * nothing about the password); a right password that must be changed signs in to the change form only
 * ({@link Role#MUST_CHANGE_PASSWORD}). Refusals wait {@code console.failed-sign-in-delay}, as on the mail ports.
 */
@Component
public class DirectorySignIn implements AuthenticationProvider {

    static final String UNAVAILABLE = "Không kết nối được danh bạ cán bộ; hãy thử lại sau ít phút.";

    private final SignInPolicy policy;
    private final DirectoryClient directory;
    private final Duration failedDelay;

    DirectorySignIn(SignInPolicy policy, DirectoryClient directory,
                    @Value("${console.failed-sign-in-delay:1s}") Duration failedDelay) {
        this.policy = policy;
        this.directory = directory;
        this.failedDelay = failedDelay;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (login.isEmpty() || password.isEmpty()) {
            throw refused(SignInDecision.WRONG_PASSWORD);
        }
        SignInResult result;
        try {
            result = policy.signIn(login, password, source(authentication));
        } catch (DirectoryUnavailableException e) {
            throw new AuthenticationServiceException(UNAVAILABLE, e);
        }
        return switch (result.decision()) {
            case ALLOWED -> signedIn(result, Role.of(directory, result.account().uid()));
            case MUST_CHANGE, PASSWORD_EXPIRED -> signedIn(result, Role.changeOnly());
            case DISABLED -> throw new DisabledException(policy.messages().text(SignInDecision.DISABLED));
            case WRONG_PASSWORD, LOCKED -> throw refused(SignInDecision.WRONG_PASSWORD);
        };
    }

    /** Where the sign-in comes from, for the audit log: the client's address as the servlet container saw it. */
    static String source(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? "console " + details.getRemoteAddress() : "console";
    }

    private static Authentication signedIn(SignInResult result, List<GrantedAuthority> roles) {
        SignedInOfficial official = new SignedInOfficial(result.account().uid(), result.account().dn());
        return UsernamePasswordAuthenticationToken.authenticated(official, null, roles);
    }

    private BadCredentialsException refused(SignInDecision decision) {
        try {
            Thread.sleep(failedDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new BadCredentialsException(policy.messages().text(decision));
    }

    /** The authentication of an official who just changed their password: every role they hold now. */
    public Authentication afterChange(SignedInOfficial official) {
        return UsernamePasswordAuthenticationToken.authenticated(official, null, Role.of(directory, official.uid()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
