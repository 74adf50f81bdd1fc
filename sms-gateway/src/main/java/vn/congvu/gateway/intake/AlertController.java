package vn.congvu.gateway.intake;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal intake mail-server calls for each directive document. Safe to call again with the same body
 * (after a timeout or a crash): numbers already alerted for the Message-ID are not sent twice.
 */
@RestController
public class AlertController {

    private final AlertIntake intake;

    public AlertController(AlertIntake intake) {
        this.intake = intake;
    }

    @PostMapping("/internal/v1/alerts")
    public ResponseEntity<AlertAccepted> accept(@RequestBody AlertRequest request) {
        return ResponseEntity.accepted().body(intake.accept(request));
    }
}
