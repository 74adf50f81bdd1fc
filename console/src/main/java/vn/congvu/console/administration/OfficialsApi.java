package vn.congvu.console.administration;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.directory.signin.SignInState;

/**
 * {@code GET /api/v1/admin/officials?q=…&limit=…} (the officials whose uid, mail or name contains q, with their
 * state), {@code POST /api/v1/admin/officials/{uid}/disable} and {@code …/enable} (204; 409 when it already is so, or
 * for an administrator's own account), {@code …/unlock} (204), {@code …/reset-password} (200 {@code {"uid",
 * "initialPassword"}}, shown this once; it must be changed at first use) and {@code …/allow-external-mail} (204, the
 * mail server's outbound block lifted): for administrators who signed in with a
 * second factor. The policy writes each to the audit log with the administrator as actor and the client's address as
 * source; 404 for an unknown uid.
 */
@RestController
class OfficialsApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final SignInPolicy policy;
    private final DirectoryClient directory;

    OfficialsApi(SignInPolicy policy, DirectoryClient directory) {
        this.policy = policy;
        this.directory = directory;
    }

    /** Officials whose uid, mail or name contains {@code q}, with their account state. */
    @GetMapping("/api/v1/admin/officials")
    ResponseEntity<?> search(@RequestParam(name = "q", defaultValue = "") String q,
                             @RequestParam(name = "limit", defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return ResponseEntity.badRequest().body(Map.of("error", "limit phải từ 1 đến " + MAX_LIMIT + "."));
        }
        List<Map<String, Object>> found = new ArrayList<>();
        for (Official o : q.isBlank() ? directory.allOfficials().stream().limit(limit).toList()
                : directory.searchOfficials(q, limit)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("uid", o.uid());
            row.put("name", o.fullName());
            row.put("mail", o.mail());
            row.put("unit", o.unit());
            row.put("status", o.status().ldapValue());
            row.put("mustChangePassword", o.mustChangePassword());
            found.add(row);
        }
        return ResponseEntity.ok(found);
    }

    @PostMapping("/api/v1/admin/officials/{uid}/disable")
    ResponseEntity<?> disable(@PathVariable("uid") String uid, Authentication authentication,
                              HttpServletRequest request) {
        if (uid.equalsIgnoreCase(actor(authentication))) {
            return conflict("Quản trị viên không tự khóa tài khoản của mình.");
        }
        return status(uid, AccountStatus.DISABLED, authentication, request);
    }

    @PostMapping("/api/v1/admin/officials/{uid}/enable")
    ResponseEntity<?> enable(@PathVariable("uid") String uid, Authentication authentication,
                             HttpServletRequest request) {
        return status(uid, AccountStatus.ACTIVE, authentication, request);
    }

    private ResponseEntity<?> status(String uid, AccountStatus status, Authentication authentication,
                                     HttpServletRequest request) {
        return onOfficial(uid, official -> policy.setStatus(official.dn(), status, actor(authentication), source(request))
                ? ResponseEntity.noContent().build()
                : conflict("Tài khoản " + uid + " đã ở trạng thái " + status.ldapValue() + "."));
    }

    @PostMapping("/api/v1/admin/officials/{uid}/unlock")
    ResponseEntity<?> unlock(@PathVariable("uid") String uid, Authentication authentication,
                             HttpServletRequest request) {
        return onOfficial(uid, official -> {
            policy.unlock(official.dn(), actor(authentication), source(request));
            return ResponseEntity.noContent().build();
        });
    }

    @PostMapping("/api/v1/admin/officials/{uid}/reset-password")
    ResponseEntity<?> reset(@PathVariable("uid") String uid, Authentication authentication,
                            HttpServletRequest request) {
        return onOfficial(uid, official -> ResponseEntity.ok().header("Cache-Control", "no-store")
                .body(Map.of("uid", official.uid(), "initialPassword",
                        policy.resetPassword(official.dn(), actor(authentication), source(request)))));
    }

    /**
     * Lets an official send outside the province again after the mail server blocked it for too many external
     * recipients: 204, or 409 when it was not blocked.
     */
    @PostMapping("/api/v1/admin/officials/{uid}/allow-external-mail")
    ResponseEntity<?> allowExternalMail(@PathVariable("uid") String uid, Authentication authentication,
                                        HttpServletRequest request) {
        return onOfficial(uid, official -> policy.outboundBlock().lift(official.dn(), actor(authentication),
                source(request)) ? ResponseEntity.noContent().build()
                : conflict("Thư gửi ra ngoài của " + uid + " không bị chặn."));
    }

    /**
     * The action on the official of {@code uid}, or 404. By uid only: the policy's lookup takes a mail address too,
     * which a path of officials/{uid} does not mean.
     */
    private ResponseEntity<?> onOfficial(String uid, Function<SignInState, ResponseEntity<?>> action) {
        Optional<SignInState> official = policy.account(uid).filter(s -> s.uid().equalsIgnoreCase(uid));
        if (official.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "Không có cán bộ với tên đăng nhập " + uid + "."));
        }
        return action.apply(official.get());
    }

    private static ResponseEntity<?> conflict(String sentence) {
        return ResponseEntity.status(409).body(Map.of("error", sentence));
    }

    private static String actor(Authentication authentication) {
        return ((SignedInOfficial) authentication.getPrincipal()).uid();
    }

    private static String source(HttpServletRequest request) {
        return "console " + request.getRemoteAddr();
    }
}
