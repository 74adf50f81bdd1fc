package vn.congvu.console.account;

import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * {@code POST /api/v1/account/password} with HTTP Basic of the official (the initial password is enough here) and
 * {@code {"current":"…","new":"…"}}: 204 when changed, 422 {@code {"problems":[…]}} with the policy's Vietnamese
 * sentences otherwise (a wrong current password is one of them, and counts as a failed sign-in).
 */
@RestController
class PasswordChangeApi {

    private final SignInPolicy policy;

    PasswordChangeApi(SignInPolicy policy) {
        this.policy = policy;
    }

    @PostMapping(path = "/api/v1/account/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> change(@RequestBody Map<String, Object> body, Authentication authentication,
                             HttpServletRequest request) {
        SignedInOfficial official = (SignedInOfficial) authentication.getPrincipal();
        Object current = body.get("current");
        Object next = body.get("new");
        if (!(current instanceof String c) || !(next instanceof String n)) {
            return ResponseEntity.status(422).body(Map.of("problems",
                    List.of("Cần có \"current\" (mật khẩu hiện tại) và \"new\" (mật khẩu mới).")));
        }
        List<String> problems = policy.changePassword(official.dn(), c, n, "console " + request.getRemoteAddr());
        if (!problems.isEmpty()) {
            return ResponseEntity.status(422).body(Map.of("problems", problems));
        }
        return ResponseEntity.noContent().build();
    }
}
