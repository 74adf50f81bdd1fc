package vn.congvu.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What an API request brings besides HTTP Basic: the client's address (for the audit log) and the second-factor code
 * of {@link #HEADER}, which {@link DirectorySignIn} checks for an account that has one. Never logged: it is a code.
 */
public record ApiDetails(String remoteAddress, String code) {

    public static final String HEADER = "X-CongVu-OTP";

    public static AuthenticationDetailsSource<HttpServletRequest, ApiDetails> source() {
        return request -> new ApiDetails(request.getRemoteAddr(), request.getHeader(HEADER));
    }

    @Override
    public String toString() {
        return "ApiDetails[" + remoteAddress + ", code hidden]";
    }
}
