package vn.congvu.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The sign-in form ("Đăng nhập"); a refused attempt comes back here with the policy's sentence. */
@RestController
class SignInPage {

    @GetMapping("/login")
    ResponseEntity<String> form(HttpServletRequest request) {
        String message = "";
        HttpSession session = request.getSession(false);
        if (request.getParameter("error") != null && session != null
                && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof AuthenticationException e) {
            message = Page.problems(List.of(e.getMessage()));
            session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        } else if (request.getParameter("logout") != null) {
            message = "<p class=\"note\">Bạn đã đăng xuất.</p>";
        }
        String body = "<section><h2>Đăng nhập</h2>" + message
                + "<form method=\"post\" action=\"/login\">" + Page.csrf(request)
                + "<label for=\"username\">Địa chỉ thư hoặc tên đăng nhập</label>"
                + "<input id=\"username\" name=\"username\" autocomplete=\"username\" autocapitalize=\"none\" required>"
                + "<label for=\"password\">Mật khẩu</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<button type=\"submit\">Đăng nhập</button></form>"
                + "<p><a id=\"forgot\" href=\"/account/forgot\">Quên mật khẩu?</a></p></section>";
        return Page.of("Đăng nhập", body, request, false);
    }
}
