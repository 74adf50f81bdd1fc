package vn.congvu.gateway.notice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.encoding.TextProperties;
import vn.congvu.gateway.outbox.NewMessage;
import vn.congvu.gateway.outbox.NewNotice;
import vn.congvu.gateway.outbox.NoticeWriter;
import vn.congvu.gateway.recipients.BadTargetException;
import vn.congvu.gateway.recipients.NoticeTargets;
import vn.congvu.gateway.recipients.Recipient;
import vn.congvu.gateway.recipients.RecipientResolver;
import vn.congvu.gateway.dispatch.SmscLifecycle;

/** Accepts a notice: validates it, resolves its recipients, stores it durably, then lets the dispatcher know. */
@Service
public class NoticeService {

    private final SmsEncoder encoder;
    private final TextProperties text;
    private final RecipientResolver recipients;
    private final StoredNotices stored;
    private final NoticeWriter writer;
    private final SmscLifecycle smsc;
    private final NoticeAudit audit;

    public NoticeService(SmsEncoder encoder, TextProperties text, RecipientResolver recipients, StoredNotices stored,
                         NoticeWriter writer, SmscLifecycle smsc, NoticeAudit audit) {
        this.encoder = encoder;
        this.text = text;
        this.recipients = recipients;
        this.stored = stored;
        this.writer = writer;
        this.smsc = smsc;
        this.audit = audit;
    }

    /** @throws IllegalArgumentException (a 400) with a message saying exactly what is wrong */
    public NoticeAccepted accept(String sender, NoticeRequest request) {
        try {
            return acceptValid(sender, request);
        } catch (IllegalArgumentException e) {
            audit.refused(sender, e.getMessage());
            throw e;
        }
    }

    private NoticeAccepted acceptValid(String sender, NoticeRequest request) {
        if (request.text() == null || request.text().isBlank()) {
            throw new IllegalArgumentException("text is empty");
        }
        EncodingMode mode = request.encoding() == null || request.encoding().isBlank()
                ? text.defaultEncoding() : EncodingMode.parse(request.encoding());
        EncodedSms sms = encoder.encode(request.text().strip(), mode);
        NoticeTargets targets = new NoticeTargets(request.numbers(), request.uids(), request.groups(), request.units(),
                request.includeSubUnits() == null || request.includeSubUnits());
        if (targets.isEmpty()) {
            throw new BadTargetException("no recipients: give numbers, uids, groups or units");
        }
        List<Recipient> resolved = recipients.resolve(targets);

        // one SMS per number even when a person is in two targeted groups
        List<NewMessage> messages = new ArrayList<>();
        List<NoticeAccepted.Unreachable> without = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Recipient r : resolved) {
            if (r.number() == null) {
                messages.add(new NewMessage(r.target(), null, r.problem()));
                without.add(new NoticeAccepted.Unreachable(r.target(), r.problem()));
            } else if (seen.add(r.number())) {
                messages.add(new NewMessage(r.target(), r.number(), null));
            }
        }
        if (seen.isEmpty()) {
            throw new BadTargetException("none of the recipients has a usable mobile number: " + without);
        }
        boolean urgent = Boolean.TRUE.equals(request.urgent());
        long id = writer.store(new NewNotice(sender, request.text().strip(), mode, sms, urgent), messages);
        audit.accepted(id, sender, request.text().strip(), targets, seen.size(), without.size());
        smsc.dispatcher().wakeUp();
        return new NoticeAccepted(id, seen.size(), sms.parts(), sms.alphabet().name(), sms.text(), without);
    }

    public Optional<NoticeStatus> status(long id) {
        return stored.findNotice(id).map(NoticeService::view);
    }

    private static NoticeStatus view(StoredNotice n) {
        List<NoticeStatus.RecipientStatus> rows = n.recipients().stream()
                .map(r -> new NoticeStatus.RecipientStatus(r.target(), r.recipient(), r.state().name(), r.detail(),
                        r.account(), r.attempts(), r.submittedAt() == null ? null : Instant.ofEpochMilli(r.submittedAt())))
                .toList();
        Map<String, Long> summary = new TreeMap<>(rows.stream()
                .collect(Collectors.groupingBy(NoticeStatus.RecipientStatus::status, Collectors.counting())));
        return new NoticeStatus(n.id(), Instant.ofEpochMilli(n.createdAt()), n.sender(), n.text(), n.alphabet(),
                n.parts(), n.urgent(), summary, rows);
    }
}
