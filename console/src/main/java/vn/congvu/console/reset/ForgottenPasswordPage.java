package vn.congvu.console.reset;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.web.Page;

/**
 * "Quên mật khẩu": the login, then (whatever the login) the form for the code sent by SMS and a new password. The
 * same sentence for every login, so the page says nothing of which accounts exist.
 */
@RestController
class ForgottenPasswordPage {

    static final String SENT = "Nếu tài khoản có số điện thoại di động trong danh bạ, mã xác nhận đã được gửi"
            + " bằng tin nhắn SMS. Mã có hiệu lực trong ít phút.";
    static final String MISMATCH = "Hai lần nhập mật khẩu mới không giống nhau.";

    private final ForgottenPassword forgotten;

    ForgottenPasswordPage(ForgottenPassword forgotten) {
        this.forgotten = forgotten;
    }

    @GetMapping("/account/forgot")
    ResponseEntity<String> form(HttpServletRequest request) {
        return askLogin(200, request, List.of());
    }

    @PostMapping("/account/forgot")
    ResponseEntity<String> send(@RequestParam(name = "login", defaultValue = "") String login,
                                HttpServletRequest request) {
        if (!forgotten.requestCode(login, request.getRemoteAddr())) {
            return askLogin(429, request, List.of(ForgottenPassword.TOO_MANY));
        }
        return askCode(200, login, request, List.of(), "<p class=\"note\" role=\"status\">" + Page.text(SENT) + "</p>");
    }

    @PostMapping("/account/reset")
    ResponseEntity<String> reset(@RequestParam(name = "login", defaultValue = "") String login,
                                 @RequestParam(name = "code", defaultValue = "") String code,
                                 @RequestParam(name = "new", defaultValue = "") String next,
                                 @RequestParam(name = "confirm", defaultValue = "") String confirm,
                                 HttpServletRequest request) {
        if (!next.equals(confirm)) {
            return askCode(422, login, request, List.of(MISMATCH), "");
        }
        ForgottenPassword.Answer answer = forgotten.redeem(login, code, next, request.getRemoteAddr());
        return switch (answer.outcome()) {
            case DONE -> Page.of("Đã đặt lại mật khẩu", "<section><h2>Đã đặt lại mật khẩu</h2>"
                    + "<p class=\"note\" role=\"status\" id=\"reset-done\">Mật khẩu mới đã được đặt. Hãy đăng nhập"
                    + " bằng mật khẩu mới.</p><p><a href=\"/login\">Đăng nhập</a></p></section>", request, false);
            case THROTTLED -> askCode(429, login, request, answer.problems(), "");
            case REFUSED -> askCode(403, login, request, answer.problems(), "");
            case PROBLEMS -> askCode(422, login, request, answer.problems(), "");
        };
    }

    private static ResponseEntity<String> askLogin(int status, HttpServletRequest request, List<String> problems) {
        String body = "<section><h2>Quên mật khẩu</h2>" + Page.problems(problems)
                + "<p>Nhập địa chỉ thư hoặc tên đăng nhập. Mã xác nhận sẽ được gửi bằng SMS tới số điện thoại di"
                + " động của bạn trong danh bạ.</p>"
                + "<form method=\"post\" action=\"/account/forgot\">" + Page.csrf(request)
                + "<label for=\"login\">Địa chỉ thư hoặc tên đăng nhập</label>"
                + "<input id=\"login\" name=\"login\" autocomplete=\"username\" autocapitalize=\"none\" required>"
                + "<button type=\"submit\">Gửi mã xác nhận</button></form>"
                + "<p><a href=\"/login\">Quay lại đăng nhập</a></p></section>";
        return Page.of(status, "Quên mật khẩu", body, request, false);
    }

    private static ResponseEntity<String> askCode(int status, String login, HttpServletRequest request,
                                                  List<String> problems, String note) {
        String body = "<section><h2>Đặt lại mật khẩu</h2>" + note + Page.problems(problems)
                + "<form method=\"post\" action=\"/account/reset\">" + Page.csrf(request)
                + "<input type=\"hidden\" name=\"login\" value=\"" + Page.text(login) + "\">"
                + "<label for=\"code\">Mã xác nhận (6 chữ số)</label>"
                + "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required>"
                + "<label for=\"new\">Mật khẩu mới</label>"
                + "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" required>"
                + "<label for=\"confirm\">Nhập lại mật khẩu mới</label>"
                + "<input id=\"confirm\" name=\"confirm\" type=\"password\" autocomplete=\"new-password\" required>"
                + "<button type=\"submit\">Đặt lại mật khẩu</button></form>"
                + "<p><a href=\"/account/forgot\">Gửi lại mã</a> · <a href=\"/login\">Đăng nhập</a></p></section>";
        return Page.of(status, "Đặt lại mật khẩu", body, request, false);
    }
}
