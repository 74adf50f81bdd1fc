package vn.congvu.console.home;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.Role;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.console.web.Page;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.directory.signin.SignInState;

/**
 * The official's home page: who they are in the directory, the state of their account, what to type into a mail
 * client, and the links their roles give (the notices page, administration).
 */
@RestController
class HomePage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final DirectoryClient directory;
    private final SignInPolicy policy;
    private final MailClientSettings mail;
    private final Clock clock;

    HomePage(DirectoryClient directory, SignInPolicy policy, MailClientSettings mail, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.mail = mail;
        this.clock = clock;
    }

    @GetMapping("/")
    ResponseEntity<String> home(Authentication authentication, HttpServletRequest request) {
        SignedInOfficial who = (SignedInOfficial) authentication.getPrincipal();
        Official official = directory.findByUid(who.uid()).orElse(null);
        SignInState state = policy.account(who.uid()).orElse(null);
        StringBuilder body = new StringBuilder();
        if (request.getParameter("changed") != null) {
            body.append("<p class=\"note\" role=\"status\">Đã đổi mật khẩu.</p>");
        }
        body.append("<section><h2>Tài khoản của bạn</h2><dl>");
        if (official != null) {
            row(body, "Họ và tên", official.fullName());
            row(body, "Địa chỉ thư", official.mail());
            row(body, "Đơn vị", official.unit() == null ? "(chưa có)" : unitName(official.unit()));
            if (official.title() != null) {
                row(body, "Chức vụ", official.title());
            }
        } else {
            row(body, "Tên đăng nhập", who.uid());
        }
        row(body, "Trạng thái", accountState(official, state));
        row(body, "Mật khẩu", state != null && state.mustChange() ? "phải đổi mật khẩu ban đầu"
                : state != null && state.passwordChangedAt() != null
                        ? "đổi lần cuối lúc " + WHEN.format(state.passwordChangedAt()) : "đang dùng");
        body.append("</dl><p><a href=\"/account/password\">Đổi mật khẩu</a> · <a id=\"totp\" href=\"/account/totp\">"
                + "Xác thực hai bước</a></p></section>");

        body.append("<section><h2>Cài đặt ứng dụng thư</h2><p>Tên đăng nhập: địa chỉ thư đầy đủ ")
                .append(official == null ? "" : "(<b>" + Page.text(official.mail()) + "</b>)")
                .append(" và mật khẩu của bạn.</p><dl>");
        row(body, "Máy chủ", mail.host());
        for (MailClientSettings.Listener l : mail.listeners()) {
            row(body, l.protocol() + (l.protocol().equals("IMAP") ? " (nhận thư)" : " (gửi thư)"),
                    "cổng " + l.port() + ", bảo mật " + l.tls().label());
        }
        body.append("</dl></section>");

        boolean sender = Role.NOTICE_SENDER.heldBy(authentication.getAuthorities());
        boolean admin = Role.ADMINISTRATOR.heldBy(authentication.getAuthorities());
        if (sender || admin) {
            body.append("<section><h2>Công việc</h2><ul>");
            if (sender) {
                body.append("<li><a id=\"notices\" href=\"/notices\">Gửi thông báo SMS</a></li>");
            }
            if (admin) {
                body.append("<li><a id=\"administration\" href=\"/admin/audit\">Nhật ký kiểm tra</a></li>");
            }
            body.append("</ul></section>");
        }
        return Page.of("Trang chính", body.toString(), request, true);
    }

    private String unitName(String code) {
        return directory.findUnit(code).map(u -> u.name() + " (" + code + ")").orElse(code);
    }

    private String accountState(Official official, SignInState state) {
        if (official != null && !official.active()) {
            return "ngừng hoạt động";
        }
        if (state != null && state.lockedAt(clock.instant())) {
            return "tạm khóa đến " + WHEN.format(state.lockedUntil());
        }
        return "đang hoạt động" + (state != null && state.failedSignIns() > 0
                ? " (" + state.failedSignIns() + " lần đăng nhập sai gần đây)" : "");
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<dt>").append(Page.text(label)).append("</dt><dd>").append(Page.text(value)).append("</dd>");
    }
}
