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

    public static final String CODE_MISSING = "Tài khoản này dùng xác thực hai bước: hãy gửi mã hiện tại trong tiêu đề "
            + ApiDetails.HEADER + ".";
    public static final String WRONG_CODE = "Mã xác thực hai bước không đúng hoặc đã được dùng.";
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
            case ALLOWED -> allowed(result, authentication.getDetails());
            case MUST_CHANGE, PASSWORD_EXPIRED -> pageWithCode(authentication)
                    && policy.secondFactor().enabled(result.account().dn())
                    ? signedIn(result, Role.CODE_PENDING.alone()) : signedIn(result, Role.changeOnly());
            case DISABLED -> throw new DisabledException(policy.messages().text(SignInDecision.DISABLED));
            case WRONG_PASSWORD, LOCKED -> throw refused(SignInDecision.WRONG_PASSWORD);
        };
    }

    /**
     * A right password. The API: an account with a second factor must send its current code in
     * {@link ApiDetails#HEADER} (a wrong one counted by the policy). The form: such an account gets the code form
     * first ({@link Role#CODE_PENDING}); an administrator without one gets the enrolment page only.
     */
    private Authentication allowed(SignInResult result, Object details) {
        String dn = result.account().dn();
        String uid = result.account().uid();
        boolean enrolled = policy.secondFactor().enabled(dn);
        if (details instanceof ApiDetails api) {
            if (!enrolled) {
                return signedIn(result, Role.of(directory, uid));
            }
            if (api.code() == null || api.code().isBlank()) {
                // not counted as a failure: no code was tried
                throw new BadCredentialsException(CODE_MISSING);
            }
            if (!policy.secondFactor().verify(dn, api.code().strip(), "console " + api.remoteAddress()).accepted()) {
                throw refused(WRONG_CODE);
            }
            return signedIn(result, Role.SECOND_FACTOR.plus(Role.of(directory, uid)));
        }
        if (enrolled) {
            return signedIn(result, Role.CODE_PENDING.alone());
        }
        List<GrantedAuthority> roles = Role.of(directory, uid);
        return signedIn(result, Role.ADMINISTRATOR.heldBy(roles) ? Role.ENROL_FIRST.alone() : roles);
    }

    private static boolean pageWithCode(Authentication authentication) {
        return !(authentication.getDetails() instanceof ApiDetails);
    }

    /** Where the sign-in comes from, for the audit log: the client's address as the servlet container saw it. */
    static String source(Authentication authentication) {
        if (authentication.getDetails() instanceof ApiDetails api) {
            return "console " + api.remoteAddress();
        }
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? "console " + details.getRemoteAddress() : "console";
    }

    private static Authentication signedIn(SignInResult result, List<GrantedAuthority> roles) {
        SignedInOfficial official = new SignedInOfficial(result.account().uid(), result.account().dn());
        return UsernamePasswordAuthenticationToken.authenticated(official, null, roles);
    }

    private BadCredentialsException refused(SignInDecision decision) {
        return refused(policy.messages().text(decision));
    }

    private BadCredentialsException refused(String sentence) {
        try {
            Thread.sleep(failedDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new BadCredentialsException(sentence);
    }

    /**
     * The authentication of a session that has shown who it is (the password, and the code when the account has a
     * second factor): every role the official holds now, {@link Role#SECOND_FACTOR} when enrolled, the enrolment
     * page only for an administrator who is not, the change form only while the password must be changed.
     */
    public Authentication session(SignedInOfficial official) {
        List<GrantedAuthority> roles = Role.of(directory, official.uid());
        if (policy.account(official.uid()).map(s -> s.mustChange()).orElse(false)) {
            roles = Role.changeOnly();
        } else if (policy.secondFactor().enabled(official.dn())) {
            roles = Role.SECOND_FACTOR.plus(roles);
        } else if (Role.ADMINISTRATOR.heldBy(roles)) {
            roles = Role.ENROL_FIRST.alone();
        }
        return UsernamePasswordAuthenticationToken.authenticated(official, null, roles);
    }

    /** The authentication of an official who just changed their password. */
    public Authentication afterChange(SignedInOfficial official) {
        return session(official);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
