package vn.congvu.console.reset;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/account/reset-code {"login"}}: 202 whether or not the account exists (429 only when this
 * address asked too often). {@code POST /api/v1/account/reset {"login","code","new"}}: 204 done, 403 a wrong or
 * expired code, 422 a password the rules refuse (the code stays valid), 429 throttled. No sign-in.
 */
@RestController
class ResetCodeApi {

    private final ForgottenPassword forgotten;

    ResetCodeApi(ForgottenPassword forgotten) {
        this.forgotten = forgotten;
    }

    @PostMapping(path = "/api/v1/account/reset-code", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> code(@RequestBody Map<String, Object> body, HttpServletRequest request) {
        if (!forgotten.requestCode(text(body.get("login")), request.getRemoteAddr())) {
            return ResponseEntity.status(429).body(Map.of("error", ForgottenPassword.TOO_MANY));
        }
        return ResponseEntity.accepted().build();
    }

    @PostMapping(path = "/api/v1/account/reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> reset(@RequestBody Map<String, Object> body, HttpServletRequest request) {
        ForgottenPassword.Answer answer = forgotten.redeem(text(body.get("login")), text(body.get("code")),
                text(body.get("new")), request.getRemoteAddr());
        return switch (answer.outcome()) {
            case DONE -> ResponseEntity.noContent().build();
            case THROTTLED -> ResponseEntity.status(429).body(Map.of("error", answer.problems().get(0)));
            case REFUSED -> ResponseEntity.status(403).body(Map.of("problems", answer.problems()));
            case PROBLEMS -> ResponseEntity.status(422).body(Map.of("problems", answer.problems()));
        };
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }
}
