package vn.congvu.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.console.signin.Role;
import vn.congvu.web.BasicOnEveryRequest;

/**
 * Pages: a sign-in form, a session and CSRF tokens on every form and on the notices page's calls. The API: HTTP Basic with the official's directory
 * login on every request, no session, so no CSRF token. An official whose password must be changed reaches the
 * change form and the change API only; any other page sends them to the form. The notices page and API (forwarded to
 * the SMS gateway) are for members of notice-senders.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The change form: the one page an official who must change the password reaches. */
    static final String CHANGE_FORM = "/account/password";
    static final String CHANGE_API = "/api/v1/account/password";
    /** What the console forwards to the SMS gateway: for members of notice-senders only. */
    static final String[] NOTICES_API = {"/api/v1/notices", "/api/v1/notices/**", "/api/v1/directory/**"};
    static final String[] NOTICES_PAGE = {"/notices", "/notices.html", "/notices.js", "/notices.css", "/web/**"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, DirectorySignIn signIn) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(CHANGE_API).hasAnyAuthority(Role.OFFICIAL.authority(),
                                Role.MUST_CHANGE_PASSWORD.authority())
                        .requestMatchers(NOTICES_API).hasAuthority(Role.NOTICE_SENDER.authority())
                        .anyRequest().hasAuthority(Role.OFFICIAL.authority()))
                .authenticationProvider(signIn);
        BasicOnEveryRequest.apply(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, DirectorySignIn signIn) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(CHANGE_FORM).hasAnyAuthority(Role.OFFICIAL.authority(),
                                Role.MUST_CHANGE_PASSWORD.authority())
                        .requestMatchers(NOTICES_PAGE).hasAuthority(Role.NOTICE_SENDER.authority())
                        .anyRequest().hasAuthority(Role.OFFICIAL.authority()))
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(afterSignIn())
                        .failureHandler(new SimpleUrlAuthenticationFailureHandler("/login?error")))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(e -> e.accessDeniedHandler(changeFirst()))
                // in a cookie the notices page's script can read and send back as X-XSRF-TOKEN; the forms carry it
                // as a hidden field (Page.csrf)
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .authenticationProvider(signIn);
        return http.build();
    }

    /** Straight to the change form when the password must be changed; else the home page. */
    private static AuthenticationSuccessHandler afterSignIn() {
        return (request, response, authentication) -> response.sendRedirect(
                mustChange(authentication) ? CHANGE_FORM : "/");
    }

    private static AccessDeniedHandler changeFirst() {
        return (request, response, denied) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            // a form without its CSRF token is refused as such, even on the way to the change form
            if (mustChange(authentication) && !(denied instanceof CsrfException)) {
                response.sendRedirect(CHANGE_FORM);
                return;
            }
            forbidden(request, response, noticesPage(request)
                    ? "Chỉ thành viên nhóm notice-senders được gửi tin nhắn thông báo."
                    : "Tài khoản của bạn không được dùng trang này.");
        };
    }

    private static boolean noticesPage(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/notices") || path.startsWith("/web/");
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException {
        String page = Page.of(403, "Không có quyền", "<section><h2>Không có quyền</h2>"
                + "<p id=\"forbidden\">" + Page.text(why) + "</p><p><a href=\"/\">Về trang chính</a></p>"
                + "</section>", request, true).getBody();
        response.setStatus(403);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(page);
    }

    static boolean mustChange(Authentication authentication) {
        return authentication != null && Role.MUST_CHANGE_PASSWORD.heldBy(authentication.getAuthorities());
    }
}
