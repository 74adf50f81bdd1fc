package vn.congvu.gateway.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.model.MobileNumber;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.encoding.TooManyPartsException;
import vn.congvu.gateway.outbox.NewMessage;
import vn.congvu.gateway.outbox.NewNotice;
import vn.congvu.gateway.outbox.NoticeInserts;
import vn.congvu.gateway.dispatch.SmscLifecycle;

/**
 * Takes directive alerts from mail-server into the outbox: one SMS per (Message-ID, number), recipients
 * without a usable mobile reported back, nothing acknowledged before it is stored.
 */
@Service
public class AlertIntake {

    private final SmsEncoder encoder;
    private final DirectiveNotices notices;
    private final SmscLifecycle smsc;
    private final AuditLog audit;

    public AlertIntake(SmsEncoder encoder, DirectiveNotices notices, SmscLifecycle smsc, AuditLog audit) {
        this.encoder = encoder;
        this.notices = notices;
        this.smsc = smsc;
        this.audit = audit;
    }

    private void audited(AlertRequest request, String subject, String outcome, String text) {
        audit.record(AuditAction.DIRECTIVE_ALERTED, "mail:" + (request.from() == null ? "?" : request.from()), subject,
                null, null, outcome, "message " + request.messageId().strip() + (text == null ? "" : "; text: " + text));
    }

    public AlertAccepted accept(AlertRequest request) {
        if (request.messageId() == null || request.messageId().isBlank()) {
            throw new IllegalArgumentException("messageId is required: it keys the duplicate check");
        }
        if (request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("text is empty");
        }
        if (request.recipients() == null || request.recipients().isEmpty()) {
            throw new IllegalArgumentException("no recipients");
        }
        EncodingMode mode = request.encoding() == null ? EncodingMode.GSM7 : EncodingMode.parse(request.encoding());
        EncodedSms sms;
        try {
            sms = encoder.encode(request.text().strip(), mode);
        } catch (TooManyPartsException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            if (request.encoding() != null) {
                throw e;
            }
            // a subject with characters GSM-7 lacks: nobody is there to rewrite it, so send it as auto would
            mode = EncodingMode.AUTO;
            sms = encoder.encode(request.text().strip(), mode);
        }

        List<NewMessage> messages = new ArrayList<>();
        List<String> without = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (AlertRequest.AlertRecipient r : request.recipients()) {
            String target = r.target() == null ? String.valueOf(r.mobile()) : r.target();
            MobileNumber.Result number = MobileNumber.parse(r.mobile());
            if (!number.valid()) {
                messages.add(new NewMessage(target, null, number.error()));
                without.add(target + ": " + number.error());
            } else if (seen.add(number.normalised())) {
                messages.add(new NewMessage(target, number.normalised(), null));
            }
        }
        String sender = "mail:" + (request.from() == null ? "?" : request.from());
        NewNotice notice = new NewNotice(sender, request.text().strip(), mode, sms, Boolean.TRUE.equals(request.urgent()));
        if (seen.isEmpty()) {
            audited(request, null, "no recipient has a usable mobile " + without, null);
            return new AlertAccepted(null, 0, 0, without);
        }
        Optional<NoticeInserts.StoredAlert> stored = notices.create(request.messageId().strip(), notice, messages,
                request.subject(), request.from());
        if (stored.isEmpty()) {
            audited(request, null, "all " + seen.size() + " number(s) already alerted", null);
            return new AlertAccepted(null, 0, seen.size(), without);
        }
        NoticeInserts.StoredAlert s = stored.get();
        int accepted = (int) s.stored().stream().filter(m -> m.recipient() != null).count();
        audited(request, "notice " + s.noticeId(), accepted + " recipient(s), " + s.duplicates() + " duplicate(s), "
                + without.size() + " without number", request.text().strip());
        smsc.dispatcher().wakeUp();
        return new AlertAccepted(s.noticeId(), accepted, s.duplicates(), without);
    }
}
