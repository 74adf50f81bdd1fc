package vn.congvu.gateway.intake;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
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

    private static final Logger audit = LoggerFactory.getLogger("congvu.audit");

    private final SmsEncoder encoder;
    private final DirectiveNotices notices;
    private final SmscLifecycle smsc;

    public AlertIntake(SmsEncoder encoder, DirectiveNotices notices, SmscLifecycle smsc) {
        this.encoder = encoder;
        this.notices = notices;
        this.smsc = smsc;
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
            audit.info("alert for {} from {}: no recipient has a usable mobile {}", request.messageId(), request.from(), without);
            return new AlertAccepted(null, 0, 0, without);
        }
        Optional<NoticeInserts.StoredAlert> stored = notices.create(request.messageId().strip(), notice, messages,
                request.subject(), request.from());
        if (stored.isEmpty()) {
            audit.info("alert for {} from {}: all {} number(s) already alerted", request.messageId(), request.from(), seen.size());
            return new AlertAccepted(null, 0, seen.size(), without);
        }
        NoticeInserts.StoredAlert s = stored.get();
        int accepted = (int) s.stored().stream().filter(m -> m.recipient() != null).count();
        audit.info("alert notice {} for {} from {}: {} recipient(s), {} duplicate(s), {} without number; text=\"{}\"",
                s.noticeId(), request.messageId(), request.from(), accepted, s.duplicates(), without.size(),
                request.text().strip().replace("\"", "\\\""));
        smsc.dispatcher().wakeUp();
        return new AlertAccepted(s.noticeId(), accepted, s.duplicates(), without);
    }
}
