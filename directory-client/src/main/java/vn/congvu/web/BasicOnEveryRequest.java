package vn.congvu.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * How the console's and the gateway's APIs let a caller in: HTTP Basic on every request. So no session: no cookie a
 * forged request could ride on (hence no CSRF token), nothing to remember, log out of or stand in for (no request
 * cache, no logout, no anonymous caller).
 */
public final class BasicOnEveryRequest {

    private BasicOnEveryRequest() {
    }

    /** Applies it to a chain that already says which requests it matches and who may make them. */
    public static HttpSecurity apply(HttpSecurity http) {
        return http.httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .logout(l -> l.disable())
                .anonymous(a -> a.disable());
    }
}
