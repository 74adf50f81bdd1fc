package vn.congvu.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.congvu.gateway.intake.IntakeToken;

/**
 * A request the console forwards: it signed the official in (session or Basic, through the sign-in policy) and
 * checked the notice-sender role, then presents the gateway's token ({@code Authorization: Bearer …}, the token the
 * mail server's intake uses too) and names the official in {@link #SENDER}. Without the right token the header
 * means nothing and the request needs its own login.
 */
final class ConsoleForwarding extends OncePerRequestFilter {

    /** The uid of the official the console signed in. */
    static final String SENDER = "X-CongVu-Sender";

    private final IntakeToken token;

    ConsoleForwarding(IntakeToken token) {
        this.token = token;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String sender = request.getHeader(SENDER);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && sender != null
                && !sender.isBlank() && token.matches(header.substring(7))) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    sender.strip(), null, List.of(new SimpleGrantedAuthority(SenderAuthenticationProvider.NOTICE_SENDER))));
        }
        chain.doFilter(request, response);
    }
}
