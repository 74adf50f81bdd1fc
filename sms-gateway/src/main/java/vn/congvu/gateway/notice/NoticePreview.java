package vn.congvu.gateway.notice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.encoding.TextProperties;
import vn.congvu.gateway.encoding.TooManyPartsException;
import vn.congvu.gateway.recipients.NoticeTargets;
import vn.congvu.gateway.recipients.Recipient;
import vn.congvu.gateway.recipients.RecipientResolver;

/**
 * What a notice would be if sent now, for the page to show while the sender types: the same encoder, default
 * encoding and recipient resolver as {@link NoticeService}, so the figures shown are the figures sent. Nothing is
 * stored; a problem is reported in the answer instead of refusing it.
 */
@Service
public class NoticePreview {

    private final SmsEncoder encoder;
    private final TextProperties textSettings;
    private final RecipientResolver recipients;

    public NoticePreview(SmsEncoder encoder, TextProperties textSettings, RecipientResolver recipients) {
        this.encoder = encoder;
        this.textSettings = textSettings;
        this.recipients = recipients;
    }

    /**
     * @param text     null when the request has no text yet
     * @param audience null when the request names no target
     */
    public record Figures(TextFigures text, AudienceFigures audience) {
    }

    /**
     * @param roomInPart characters left in the last part (GSM-7 septets or UCS-2 code units)
     * @param sentText   the text as phones will show it (unaccented for GSM-7)
     * @param problem    why this text cannot be sent as it is, or null
     */
    public record TextFigures(String encoding, int parts, int roomInPart, int maxParts, String sentText, String problem) {
    }

    /** @param recipients distinct numbers that will get the SMS */
    public record AudienceFigures(int recipients, List<NoticeAccepted.Unreachable> withoutNumber, String problem) {
    }

    public Figures preview(NoticeRequest request) {
        TextFigures text = request.text() == null || request.text().isBlank() ? null : text(request);
        NoticeTargets targets = new NoticeTargets(request.numbers(), request.uids(), request.groups(), request.units(),
                request.includeSubUnits() == null || request.includeSubUnits());
        return new Figures(text, targets.isEmpty() ? null : audience(targets));
    }

    private TextFigures text(NoticeRequest request) {
        EncodingMode mode;
        try {
            mode = request.encoding() == null || request.encoding().isBlank()
                    ? textSettings.defaultEncoding() : EncodingMode.parse(request.encoding());
        } catch (IllegalArgumentException e) {
            return new TextFigures(null, 0, 0, textSettings.maxParts(), null, e.getMessage());
        }
        String stripped = request.text().strip();
        try {
            EncodedSms sms = encoder.encode(stripped, mode);
            return new TextFigures(sms.alphabet().name(), sms.parts(), sms.roomInLastPart(), textSettings.maxParts(),
                    sms.text(), null);
        } catch (TooManyPartsException e) {
            return new TextFigures(null, e.parts(), 0, e.maxParts(), null, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new TextFigures(null, 0, 0, textSettings.maxParts(), null, e.getMessage());
        }
    }

    private AudienceFigures audience(NoticeTargets targets) {
        List<Recipient> resolved;
        try {
            resolved = recipients.resolve(targets);
        } catch (IllegalArgumentException e) {
            return new AudienceFigures(0, List.of(), e.getMessage());
        }
        Set<String> numbers = new HashSet<>();
        List<NoticeAccepted.Unreachable> without = new ArrayList<>();
        resolved.forEach(r -> {
            if (r.number() != null) {
                numbers.add(r.number());
            } else {
                without.add(new NoticeAccepted.Unreachable(r.target(), r.problem()));
            }
        });
        return new AudienceFigures(numbers.size(), without, null);
    }
}
