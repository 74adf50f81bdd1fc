package vn.congvu.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.congvu.gateway.intake.IntakeToken;

/** /internal/** is for mail-server only: a bearer token, no user logins. */
@Configuration(proxyBeanMethods = false)
class IntakeSecurityConfiguration {

    static final String INTAKE = "ALERT_INTAKE";

    @Bean
    @Order(1)
    SecurityFilterChain intake(HttpSecurity http, IntakeToken token) throws Exception {
        http.securityMatcher("/internal/**")
                .authorizeHttpRequests(a -> a.anyRequest().hasAuthority(INTAKE))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, resp, ex) -> resp.sendError(401)))
                .addFilterBefore(new BearerFilter(token), BasicAuthenticationFilter.class);
        return http.build();
    }

    private static final class BearerFilter extends OncePerRequestFilter {
        private final IntakeToken token;

        BearerFilter(IntakeToken token) {
            this.token = token;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && token.matches(header.substring(7))) {
                SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "mail-server", null, List.of(new SimpleGrantedAuthority(INTAKE))));
            }
            chain.doFilter(request, response);
        }
    }
}
