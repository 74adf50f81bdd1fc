package vn.congvu.gateway.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import vn.congvu.gateway.intake.IntakeToken;
import vn.congvu.web.BasicOnEveryRequest;

/**
 * The API takes a notice sender two ways: HTTP Basic with the official's directory login (local callers), or the
 * console's forwarding, which signed the official in and names them next to the gateway's token
 * ({@link ConsoleForwarding}). Only members of notice-senders may send (wrong password: 401, not a sender: 403).
 * Health and metrics are open to callers on this host only (the supervisor, the console); nothing else is served
 * (the page is the console's).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, SenderAuthenticationProvider senders, IntakeToken token)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(SenderAuthenticationProvider.NOTICE_SENDER))
                .addFilterBefore(new ConsoleForwarding(token), BasicAuthenticationFilter.class)
                .authenticationProvider(senders);
        BasicOnEveryRequest.apply(http);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .access(SecurityConfiguration::fromThisHost)
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The supervisor and the console run on this host; bound off loopback, nobody else reads health or metrics. */
    private static AuthorizationResult fromThisHost(Supplier<? extends Authentication> who,
                                                    RequestAuthorizationContext context) {
        try {
            return new AuthorizationDecision(InetAddress.getByName(context.getRequest().getRemoteAddr())
                    .isLoopbackAddress());
        } catch (UnknownHostException e) {
            return new AuthorizationDecision(false);
        }
    }
}
