package vn.congvu.console.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
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
import vn.congvu.directory.signin.Enrolment;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * "Xác thực hai bước": start (with the current code when one is set up already), the secret and the otpauth URI as
 * text to type or paste into an authenticator app (no QR code: drawing one needs a library or a CDN), the first code
 * to confirm, then the recovery codes, shown this once. The only page of an administrator without one; once
 * confirmed the session gets the official's roles.
 */
@RestController
class SecondFactorPage {

    private final SignInPolicy policy;
    private final DirectorySignIn signIn;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SecondFactorPage(SignInPolicy policy, DirectorySignIn signIn) {
        this.policy = policy;
        this.signIn = signIn;
    }

    @GetMapping("/account/totp")
    ResponseEntity<String> status(Authentication authentication, HttpServletRequest request) {
        return start(200, authentication, request, List.of());
    }

    @PostMapping("/account/totp")
    ResponseEntity<String> enrol(@RequestParam(name = "current", defaultValue = "") String current,
                                 Authentication authentication, HttpServletRequest request) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        if (policy.secondFactor().enabled(official.dn()) && !policy.secondFactor()
                .verify(official.dn(), current.strip(), source(request)).accepted()) {
            return start(422, authentication, request, List.of(DirectorySignIn.WRONG_CODE));
        }
        Enrolment enrolment = policy.secondFactor().enrol(official.dn());
        String body = "<section><h2>Bật xác thực hai bước</h2>"
                + "<p>Trong ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…), quét mã QR"
                + " dưới đây, hoặc thêm tài khoản bằng khóa bí mật (loại theo thời gian), hoặc dán địa chỉ otpauth.</p>"
                + "<figure id=\"qr\">" + QrCodeSvg.of(enrolment.uri(), "Mã QR của khóa bí mật") + "</figure><dl>"
                + "<dt>Khóa bí mật</dt><dd><code id=\"secret\">" + Page.text(spaced(enrolment.secret()))
                + "</code></dd>"
                + "<dt>Địa chỉ</dt><dd><code id=\"uri\">" + Page.text(enrolment.uri()) + "</code></dd></dl>"
                + confirmForm(request, List.of()) + "</section>";
        return Page.of("Xác thực hai bước", body, request, true);
    }

    @PostMapping("/account/totp/confirm")
    ResponseEntity<String> confirm(@RequestParam(name = "code", defaultValue = "") String code,
                                   Authentication authentication, HttpServletRequest request,
                                   HttpServletResponse response) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        Optional<List<String>> codes = policy.secondFactor().confirm(official.dn(), code.strip(), source(request));
        if (codes.isEmpty()) {
            return Page.of(422, "Xác thực hai bước", "<section><h2>Bật xác thực hai bước</h2>"
                    + confirmForm(request, List.of(SecondFactorApi.WRONG)) + "</section>", request, true);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signIn.session(official));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        StringBuilder list = new StringBuilder("<ol id=\"recovery-codes\">");
        codes.get().forEach(c -> list.append("<li><code>").append(Page.text(c)).append("</code></li>"));
        String body = "<section><h2>Đã bật xác thực hai bước</h2>"
                + "<p class=\"note\" role=\"status\">Từ nay, khi đăng nhập, bạn cần nhập mã trong ứng dụng xác thực."
                + "</p><p>Các mã khôi phục dưới đây chỉ hiện <b>một lần</b>. Hãy in hoặc chép ra nơi an toàn; mỗi mã"
                + " dùng được một lần khi không có điện thoại.</p>" + list + "</ol>"
                + "<p><a href=\"/\">Về trang chính</a></p></section>";
        return Page.of("Mã khôi phục", body, request, true);
    }

    private ResponseEntity<String> start(int status, Authentication authentication, HttpServletRequest request,
                                         List<String> problems) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        boolean enabled = policy.secondFactor().enabled(official.dn());
        boolean mustEnrol = Role.ENROL_FIRST.heldBy(authentication.getAuthorities());
        String body = "<section><h2>Xác thực hai bước</h2>" + Page.problems(problems)
                + (mustEnrol ? "<p class=\"note\" id=\"must-enrol\">Quản trị viên phải bật xác thực hai bước trước khi"
                + " dùng thư công vụ.</p>" : "")
                + "<p id=\"totp-state\">" + (enabled ? "Đang bật." : "Chưa bật.") + "</p>"
                + "<form method=\"post\" action=\"/account/totp\">" + Page.csrf(request)
                + (enabled ? "<label for=\"current\">Mã hiện tại trong ứng dụng xác thực</label>"
                + "<input id=\"current\" name=\"current\" inputmode=\"numeric\" autocomplete=\"one-time-code\""
                + " required>" : "")
                + "<button type=\"submit\">" + (enabled ? "Đặt lại (điện thoại mới)" : "Bật xác thực hai bước")
                + "</button></form>" + (mustEnrol ? "" : "<p><a href=\"/\">Về trang chính</a></p>") + "</section>";
        return Page.of(status, "Xác thực hai bước", body, request, true);
    }

    private static String confirmForm(HttpServletRequest request, List<String> problems) {
        return Page.problems(problems) + "<form method=\"post\" action=\"/account/totp/confirm\">" + Page.csrf(request)
                + "<label for=\"code\">Mã 6 chữ số ứng dụng đang hiện</label>"
                + "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required>"
                + "<button type=\"submit\">Xác nhận</button></form>";
    }

    /** Groups of four, easier to type; authenticator apps ignore the spaces. */
    private static String spaced(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private static String source(HttpServletRequest request) {
        return "console " + request.getRemoteAddr();
    }
}
