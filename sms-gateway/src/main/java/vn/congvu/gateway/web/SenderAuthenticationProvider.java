package vn.congvu.gateway.web;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import vn.congvu.gateway.recipients.SenderAuthenticator;

/**
 * Spring Security's side of {@link SenderAuthenticator} (the shared sign-in policy); failed logins are slowed down, as
 * on the mail ports.
 */
@Component
class SenderAuthenticationProvider implements AuthenticationProvider {

    static final String NOTICE_SENDER = "NOTICE_SENDER";

    private final SenderAuthenticator authenticator;
    private final Duration failedLoginDelay;
    private final LoginCache cache;

    SenderAuthenticationProvider(SenderAuthenticator authenticator,
                                 @Value("${gateway.security.failed-login-delay:1s}") Duration failedLoginDelay,
                                 @Value("${gateway.security.login-cache:60s}") Duration loginCache) {
        this.authenticator = authenticator;
        this.failedLoginDelay = failedLoginDelay;
        this.cache = new LoginCache(loginCache);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String login = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        SenderAuthenticator.Result result = cache.get(login, password);
        if (result == null) {
            result = authenticator.authenticate(login, password, source(authentication));
            if (result.outcome() != SenderAuthenticator.Outcome.BAD_CREDENTIALS
                    && result.outcome() != SenderAuthenticator.Outcome.UNAVAILABLE) {
                cache.put(login, password, result);
            }
        }
        return switch (result.outcome()) {
            case OK -> UsernamePasswordAuthenticationToken.authenticated(result.sender(), null,
                    List.of(new SimpleGrantedAuthority(NOTICE_SENDER)));
            // a real official, just not allowed to send notices: authenticated without the authority, so 403
            case NOT_A_SENDER -> UsernamePasswordAuthenticationToken.authenticated(result.sender(), null, List.of());
            case UNAVAILABLE -> throw new AuthenticationServiceException("the directory cannot be reached");
            case BAD_CREDENTIALS -> {
                pause();
                throw new BadCredentialsException("bad credentials");
            }
        };
    }

    /** Where the sign-in comes from, for the audit log. */
    private static String source(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? "gateway " + details.getRemoteAddress() : "gateway";
    }

    private void pause() {
        try {
            Thread.sleep(failedLoginDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
