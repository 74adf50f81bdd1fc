package vn.congvu.console.administration;

import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.console.web.Page;

/**
 * "Nhật ký kiểm tra" ({@code /admin}, {@code /admin/audit}): the audit search as a form (GET, so a search is a link)
 * and the records, newest first, one block each so it reads on a phone. For administrators who signed in with a
 * second factor.
 */
@RestController
class AuditPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss")
            .withZone(AuditSearch.VIETNAM);

    private final AuditSearch audit;

    AuditPage(AuditSearch audit) {
        this.audit = audit;
    }

    @GetMapping({"/admin", "/admin/audit"})
    ResponseEntity<String> page(@RequestParam(name = "since", required = false) String since,
                                @RequestParam(name = "actor", required = false) String actor,
                                @RequestParam(name = "subject", required = false) String subject,
                                @RequestParam(name = "action", required = false) String action,
                                HttpServletRequest request) {
        List<AuditEvent> found;
        List<String> problems = List.of();
        try {
            found = audit.search(since, actor, subject, action, null);
        } catch (IllegalArgumentException e) {
            found = List.of();
            problems = List.of(e.getMessage());
        }
        StringBuilder body = new StringBuilder("<section><h2>Nhật ký kiểm tra</h2>").append(Page.problems(problems))
                .append("<form method=\"get\" action=\"/admin/audit\">")
                .append(field("since", "Từ ngày (2026-12-08)", since))
                .append(field("actor", "Người thực hiện", actor))
                .append(field("subject", "Tài khoản liên quan", subject))
                .append("<label for=\"action\">Việc</label><select id=\"action\" name=\"action\"><option value=\"\">"
                        + "(tất cả)</option>");
        for (AuditAction a : AuditAction.values()) {
            body.append("<option").append(a.wire().equals(action) ? " selected" : "").append('>')
                    .append(Page.text(a.wire())).append("</option>");
        }
        body.append("</select><button type=\"submit\">Tìm</button></form></section><section><h2>")
                .append(found.size()).append(" bản ghi mới nhất</h2><div id=\"audit\">");
        for (AuditEvent e : found) {
            body.append("<dl class=\"record\">");
            row(body, "Lúc", WHEN.format(e.at()));
            row(body, "Việc", e.action().wire());
            row(body, "Người làm", e.actor());
            row(body, "Tài khoản", e.subject());
            row(body, "Từ", e.source());
            row(body, "Trước", e.before());
            row(body, "Sau", e.after());
            row(body, "Ghi chú", e.detail());
            row(body, "Chương trình", e.process());
            body.append("</dl><hr>");
        }
        body.append("</div><p><a href=\"/\">Về trang chính</a></p></section>");
        return Page.of("Nhật ký kiểm tra", body.toString(), request, true);
    }

    private static String field(String name, String label, String value) {
        return "<label for=\"" + name + "\">" + Page.text(label) + "</label><input id=\"" + name + "\" name=\"" + name
                + "\" value=\"" + Page.text(value) + "\" autocapitalize=\"none\">";
    }

    private static void row(StringBuilder b, String label, String value) {
        if (value != null) {
            b.append("<dt>").append(Page.text(label)).append("</dt><dd>").append(Page.text(value)).append("</dd>");
        }
    }
}
