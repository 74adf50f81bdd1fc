package vn.congvu.console.administration;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/audit?since=…&actor=…&subject=…&action=…&limit=…}: the audit records of every process,
 * newest first, as a JSON list; 400 {@code {"error"}} for a parameter that cannot be read. For administrators who
 * signed in with a second factor (the security chain checks).
 */
@RestController
class AuditApi {

    private final AuditSearch audit;

    AuditApi(AuditSearch audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/admin/audit")
    ResponseEntity<?> search(@RequestParam(name = "since", required = false) String since,
                             @RequestParam(name = "actor", required = false) String actor,
                             @RequestParam(name = "subject", required = false) String subject,
                             @RequestParam(name = "action", required = false) String action,
                             @RequestParam(name = "limit", required = false) String limit) {
        try {
            return ResponseEntity.ok(audit.search(since, actor, subject, action, limit).stream()
                    .map(AuditSearch::json).toList());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }
}
