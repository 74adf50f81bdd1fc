package vn.congvu.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import vn.congvu.console.signin.ApiDetails;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.console.signin.Role;
import vn.congvu.web.BasicOnEveryRequest;

/**
 * Pages: a sign-in form, a session and CSRF tokens on every form and on the notices page's calls. The API: HTTP Basic with the official's directory
 * login on every request, no session, so no CSRF token. An official whose password must be changed reaches the
 * change form and the change API only; any other page sends them to the form. The notices page and API (forwarded to
 * the SMS gateway) are for members of notice-senders.
 *
 * <p>Second factor: a session of an account with one reaches the code form only until the code is typed; an
 * administrator without one reaches the enrolment page only. API calls of such an account carry the code in
 * {@code X-CongVu-OTP}. The administration (pages and API) needs both the directory-admins role and a sign-in that
 * passed the second factor; the API says which is missing. Forgotten-password pages and API need no sign-in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The change form: the one page an official who must change the password reaches. */
    static final String CHANGE_FORM = "/account/password";
    static final String CHANGE_API = "/api/v1/account/password";
    /** What the console forwards to the SMS gateway: for members of notice-senders only. */
    static final String[] NOTICES_API = {"/api/v1/notices", "/api/v1/notices/**", "/api/v1/directory/**"};
    static final String[] NOTICES_PAGE = {"/notices", "/notices.html", "/notices.js", "/notices.css", "/web/**"};
    /** Forgotten passwords: for people who cannot sign in. */
    static final String[] RESET_API = {"/api/v1/account/reset-code", "/api/v1/account/reset"};
    static final String[] RESET_PAGES = {"/account/forgot", "/account/reset"};
    static final String CODE_FORM = "/login/code";
    static final String ENROL_PAGE = "/account/totp";
    static final String NEEDS_SECOND_FACTOR = "Quản trị viên phải bật xác thực hai bước (TOTP) trước khi quản trị: "
            + "POST /api/v1/account/totp, rồi /api/v1/account/totp/confirm, hoặc trang " + ENROL_PAGE + ".";
    static final String ADMINS_ONLY = "Chỉ thành viên nhóm directory-admins được dùng chức năng quản trị.";

    /** The forgotten-password API: no sign-in, no session; the controllers throttle it. */
    @Bean
    @Order(0)
    SecurityFilterChain resetApi(HttpSecurity http) throws Exception {
        http.securityMatcher(RESET_API)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable());
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, DirectorySignIn signIn) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(CHANGE_API).hasAnyAuthority(Role.OFFICIAL.authority(),
                                Role.MUST_CHANGE_PASSWORD.authority())
                        .requestMatchers(NOTICES_API).hasAuthority(Role.NOTICE_SENDER.authority())
                        .requestMatchers("/api/v1/admin/**").access(administrator())
                        .anyRequest().hasAuthority(Role.OFFICIAL.authority()))
                .authenticationProvider(signIn);
        BasicOnEveryRequest.apply(http);
        // after apply: the same Basic configurer, now reading X-CongVu-OTP and answering in JSON
        http.httpBasic(b -> b.authenticationDetailsSource(ApiDetails.source())
                        .authenticationEntryPoint(jsonUnauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonUnauthorized())
                        .accessDeniedHandler(jsonForbidden()));
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> administrator() {
        return AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasAuthority(Role.ADMINISTRATOR.authority()),
                AuthorityAuthorizationManager.hasAuthority(Role.SECOND_FACTOR.authority()));
    }

    /** 401 with the reason in JSON (a missing or wrong second-factor code says so); Basic stays on offer. */
    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"CongVu\"");
            json(response, 401, e instanceof BadCredentialsException || e instanceof AuthenticationServiceException
                    || e instanceof DisabledException
                    ? e.getMessage() : "Cần đăng nhập bằng HTTP Basic (tên đăng nhập và mật khẩu).");
        };
    }

    private static AccessDeniedHandler jsonForbidden() {
        return (request, response, denied) -> {
            Authentication who = SecurityContextHolder.getContext().getAuthentication();
            String why = "Tài khoản của bạn không được dùng địa chỉ này.";
            if (request.getRequestURI().startsWith("/api/v1/admin/")) {
                why = who != null && Role.ADMINISTRATOR.heldBy(who.getAuthorities()) ? NEEDS_SECOND_FACTOR
                        : ADMINS_ONLY;
            }
            json(response, 403, why);
        };
    }

    private static void json(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"error\":\"" + error.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, DirectorySignIn signIn) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers(RESET_PAGES).permitAll()
                        .requestMatchers(CODE_FORM).hasAuthority(Role.CODE_PENDING.authority())
                        .requestMatchers(ENROL_PAGE, ENROL_PAGE + "/**").hasAnyAuthority(Role.OFFICIAL.authority(),
                                Role.ENROL_FIRST.authority())
                        .requestMatchers(CHANGE_FORM).hasAnyAuthority(Role.OFFICIAL.authority(),
                                Role.MUST_CHANGE_PASSWORD.authority())
                        .requestMatchers("/admin", "/admin/**").access(administrator())
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

    /** The code form, the enrolment page or the change form when one is due first; else the home page. */
    private static AuthenticationSuccessHandler afterSignIn() {
        return (request, response, authentication) -> response.sendRedirect(firstStep(authentication, "/"));
    }

    /** Where a half-signed-in session must go (the code, the enrolment, the change), else {@code otherwise}. */
    static String firstStep(Authentication authentication, String otherwise) {
        if (authentication == null) {
            return otherwise;
        }
        if (Role.CODE_PENDING.heldBy(authentication.getAuthorities())) {
            return CODE_FORM;
        }
        if (Role.ENROL_FIRST.heldBy(authentication.getAuthorities())) {
            return ENROL_PAGE;
        }
        return mustChange(authentication) ? CHANGE_FORM : otherwise;
    }

    private static AccessDeniedHandler changeFirst() {
        return (request, response, denied) -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            // a form without its CSRF token is refused as such, even on the way to the change form
            String first = firstStep(authentication, null);
            if (first != null && !(denied instanceof CsrfException)) {
                response.sendRedirect(first);
                return;
            }
            String why = "Tài khoản của bạn không được dùng trang này.";
            if (noticesPage(request)) {
                why = "Chỉ thành viên nhóm notice-senders được gửi tin nhắn thông báo.";
            } else if (request.getRequestURI().startsWith("/admin")) {
                why = authentication != null && Role.ADMINISTRATOR.heldBy(authentication.getAuthorities())
                        ? NEEDS_SECOND_FACTOR : ADMINS_ONLY;
            }
            forbidden(request, response, why);
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
