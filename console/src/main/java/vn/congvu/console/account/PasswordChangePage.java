package vn.congvu.console.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.console.signin.Role;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.console.web.Page;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * "Đổi mật khẩu": the form every official may use, and the only page of one whose initial (or expired) password
 * must be changed first. A change done, the session gets the official's roles and the home page.
 */
@RestController
class PasswordChangePage {

    static final String MISMATCH = "Hai lần nhập mật khẩu mới không giống nhau.";

    private final SignInPolicy policy;
    private final DirectorySignIn signIn;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    PasswordChangePage(SignInPolicy policy, DirectorySignIn signIn) {
        this.policy = policy;
        this.signIn = signIn;
    }

    @GetMapping("/account/password")
    ResponseEntity<String> form(Authentication authentication, HttpServletRequest request) {
        return page(200, authentication, request, List.of());
    }

    @PostMapping("/account/password")
    ResponseEntity<String> change(@RequestParam(name = "current", defaultValue = "") String current,
                                  @RequestParam(name = "new", defaultValue = "") String next,
                                  @RequestParam(name = "confirm", defaultValue = "") String confirm,
                                  Authentication authentication, HttpServletRequest request,
                                  HttpServletResponse response) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        List<String> problems = new ArrayList<>();
        if (!next.equals(confirm)) {
            problems.add(MISMATCH);
        } else {
            problems.addAll(policy.changePassword(official.dn(), current, next, "console " + request.getRemoteAddr()));
        }
        if (!problems.isEmpty()) {
            return page(422, authentication, request, problems);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signIn.afterChange(official));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return ResponseEntity.status(303).header("Location", "/?changed").build();
    }

    private ResponseEntity<String> page(int status, Authentication authentication, HttpServletRequest request,
                                        List<String> problems) {
        boolean first = Role.MUST_CHANGE_PASSWORD.heldBy(authentication.getAuthorities());
        var p = policy.policy();
        String intro = first
                ? "<p class=\"note\">Bạn đang dùng mật khẩu ban đầu (hoặc mật khẩu đã hết hạn). Hãy đặt mật khẩu mới"
                  + " trước khi dùng thư công vụ.</p>"
                : "";
        String body = "<section><h2>Đổi mật khẩu</h2>" + intro + Page.problems(problems)
                + "<p>Mật khẩu mới cần ít nhất " + p.minLength() + " ký tự, gồm ít nhất " + p.classes()
                + " trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu; không chứa tên đăng nhập hay từ trong họ tên"
                + (p.history() > 0 ? ", không trùng " + p.history() + " mật khẩu gần nhất" : "") + ".</p>"
                + "<form method=\"post\" action=\"/account/password\">" + Page.csrf(request)
                + "<label for=\"current\">Mật khẩu hiện tại</label>"
                + "<input id=\"current\" name=\"current\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<label for=\"new\">Mật khẩu mới</label>"
                + "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" required>"
                + "<label for=\"confirm\">Nhập lại mật khẩu mới</label>"
                + "<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required>"
                + "<button type=\"submit\">Đổi mật khẩu</button></form>"
                + (first ? "" : "<p><a href=\"/\">Về trang chính</a></p>") + "</section>";
        return Page.of(status, "Đổi mật khẩu", body, request, true);
    }
}
