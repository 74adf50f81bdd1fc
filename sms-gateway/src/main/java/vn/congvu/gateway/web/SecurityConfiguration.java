package vn.congvu.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API takes HTTP Basic with the official's directory login; only members of notice-senders may use it
 * (wrong password: 401, not a sender: 403). Health and metrics stay open for the local supervisor.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SenderAuthenticationProvider senders) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .requestMatchers("/api/**").hasAuthority(SenderAuthenticationProvider.NOTICE_SENDER)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.ignoringRequestMatchers("/api/**"))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationProvider(senders);
        return http.build();
    }
}
