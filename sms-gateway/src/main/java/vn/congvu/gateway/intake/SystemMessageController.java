package vn.congvu.gateway.intake;

import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.model.MobileNumber;
import vn.congvu.gateway.dispatch.SmscLifecycle;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.outbox.NewMessage;
import vn.congvu.gateway.outbox.NewNotice;

/**
 * {@code POST /internal/v1/system-messages} {@code {"kind":"reset-code","mobile":"84…","text":"…"}}: one SMS to one
 * number on behalf of the system (the console's password reset codes), behind the intake's bearer token like
 * {@code /internal/v1/alerts}. Urgent (a code is valid minutes), GSM-7, stored as a notice of kind
 * {@link SystemMessages#KIND} so the history hides it, and its text never logged: it carries a code.
 */
@RestController
public class SystemMessageController {

    /** What the console posts; {@code kind} names the sender ({@code system:reset-code}) in the outbox. */
    public record SystemMessage(String kind, String mobile, String text) {
    }

    private final SmsEncoder encoder;
    private final SystemMessages messages;
    private final SmscLifecycle smsc;
    private final AuditLog audit;

    public SystemMessageController(SmsEncoder encoder, SystemMessages messages, SmscLifecycle smsc, AuditLog audit) {
        this.encoder = encoder;
        this.messages = messages;
        this.smsc = smsc;
        this.audit = audit;
    }

    @PostMapping("/internal/v1/system-messages")
    public ResponseEntity<Map<String, Object>> send(@RequestBody SystemMessage request) {
        if (request.kind() == null || !request.kind().matches("[a-z][a-z-]{0,31}")) {
            throw new IllegalArgumentException("kind: a short lower-case name such as reset-code");
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("text is empty");
        }
        MobileNumber.Result number = MobileNumber.parse(request.mobile());
        if (!number.valid()) {
            throw new IllegalArgumentException("mobile: " + number.error());
        }
        EncodedSms sms = encoder.encode(request.text().strip(), EncodingMode.GSM7);
        String sender = "system:" + request.kind();
        NewNotice notice = new NewNotice(sender, request.text().strip(), EncodingMode.GSM7, sms, true);
        // every request is a message of its own: the key only has to be unique
        long id = messages.create(sender + ":" + UUID.randomUUID(), notice,
                new NewMessage(sender, number.normalised(), null)).orElseThrow().noticeId();
        String n = number.normalised();
        audit.record(AuditAction.SYSTEM_MESSAGE_SENT, sender, "notice " + id, null, null,
                "to the number ending " + n.substring(n.length() - 3), null);
        smsc.dispatcher().wakeUp();
        return ResponseEntity.accepted().body(Map.of("noticeId", id));
    }
}
