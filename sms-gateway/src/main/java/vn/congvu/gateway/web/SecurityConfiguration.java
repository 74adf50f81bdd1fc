package vn.congvu.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import vn.congvu.gateway.intake.IntakeToken;

/**
 * The API takes a notice sender two ways: HTTP Basic with the official's directory login (local callers), or the
 * console's forwarding, which signed the official in and names them next to the gateway's token
 * ({@link ConsoleForwarding}). Only members of notice-senders may send (wrong password: 401, not a sender: 403).
 * Health and metrics stay open for the local supervisor; nothing else is served (the page is the console's).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, SenderAuthenticationProvider senders, IntakeToken token)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(SenderAuthenticationProvider.NOTICE_SENDER))
                .httpBasic(Customizer.withDefaults())
                .addFilterBefore(new ConsoleForwarding(token), BasicAuthenticationFilter.class)
                // stateless Basic: no cookie to forge a request with
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // an API client logs in on every request: nothing to remember, log out of or stand in for
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable())
                .authenticationProvider(senders);
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/error")
                        .permitAll()
                        .anyRequest().denyAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
