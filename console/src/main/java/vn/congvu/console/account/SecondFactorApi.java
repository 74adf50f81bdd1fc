package vn.congvu.console.account;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.SignedInOfficial;
import vn.congvu.directory.signin.Enrolment;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * {@code POST /api/v1/account/totp} → {@code {"secret","uri"}} (pending until confirmed) and {@code POST
 * /api/v1/account/totp/confirm {"code"}} → {@code {"recoveryCodes":[…]}}, shown this once; 422 for a wrong code. An
 * account that already has a second factor reaches these only with its current code in X-CongVu-OTP (checked at
 * sign-in), so re-enrolling needs it.
 */
@RestController
class SecondFactorApi {

    static final String WRONG = "Mã không đúng, hoặc chưa bắt đầu bật xác thực hai bước (POST /api/v1/account/totp).";

    private final SignInPolicy policy;

    SecondFactorApi(SignInPolicy policy) {
        this.policy = policy;
    }

    @PostMapping("/api/v1/account/totp")
    Map<String, String> enrol(Authentication authentication) {
        Enrolment enrolment = policy.secondFactor().enrol(((SignedInOfficial) authentication.getPrincipal()).dn());
        return Map.of("secret", enrolment.secret(), "uri", enrolment.uri());
    }

    @PostMapping("/api/v1/account/totp/confirm")
    ResponseEntity<?> confirm(@RequestBody Map<String, Object> body, Authentication authentication,
                              HttpServletRequest request) {
        String code = body.get("code") instanceof String c ? c.strip() : "";
        Optional<List<String>> codes = policy.secondFactor().confirm(
                ((SignedInOfficial) authentication.getPrincipal()).dn(), code, "console " + request.getRemoteAddr());
        return codes.<ResponseEntity<?>>map(c -> ResponseEntity.ok(Map.of("recoveryCodes", c)))
                .orElseGet(() -> ResponseEntity.status(422).body(Map.of("problems", List.of(WRONG))));
    }
}
