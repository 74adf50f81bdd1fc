package vn.congvu.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * The API takes HTTP Basic with the official's directory login; the web page a login form and a session.
 * Only members of notice-senders may send (wrong password: 401 / back to the form, not a sender: 403).
 * Health and metrics stay open for the local supervisor.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, SenderAuthenticationProvider senders) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(SenderAuthenticationProvider.NOTICE_SENDER))
                .httpBasic(Customizer.withDefaults())
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
    SecurityFilterChain page(HttpSecurity http, SenderAuthenticationProvider senders) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/login",
                                "/login.html", "/page.css", "/error").permitAll()
                        .anyRequest().hasAuthority(SenderAuthenticationProvider.NOTICE_SENDER))
                .formLogin(f -> f.loginPage("/login").successHandler(new SenderLoginSuccess()))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                // the page's script sends the token from the XSRF-TOKEN cookie as X-XSRF-TOKEN
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.csrf.CsrfFilter.class)
                .authenticationProvider(senders);
        return http.build();
    }
}
