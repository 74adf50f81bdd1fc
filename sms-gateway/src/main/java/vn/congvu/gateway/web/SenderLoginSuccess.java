package vn.congvu.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a good password on the login form: a notice sender goes to the page; any other official is sent back to
 * the form with "not allowed to send", logged out, rather than left on a session that can do nothing.
 */
final class SenderLoginSuccess implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(SenderLoginSuccess.class);

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        boolean sender = authentication.getAuthorities().stream()
                .anyMatch(a -> SenderAuthenticationProvider.NOTICE_SENDER.equals(a.getAuthority()));
        if (sender) {
            response.sendRedirect(request.getContextPath() + "/");
            return;
        }
        log.info("web login of {} refused: not a member of notice-senders", authentication.getName());
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?denied");
    }
}
