package vn.congvu.gateway.receipt;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the de-facto receipt format {@code id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…}
 * from SMPP 3.4 appendix B, tolerating what vendors do to it: missing fields, other order, any case,
 * underscores in the date names, extra spaces.
 */
public final class ReceiptParser {

    private static final Pattern FIELD = Pattern.compile(
            "(?i)(?<![a-z_])(id|sub|dlvrd|submit[ _]date|done[ _]date|stat|err|text)\\s*:");

    private ReceiptParser() {
    }

    /**
     * @param tlvId    receipted_message_id, preferred over the text's id
     * @param tlvState message_state, used when the text has no stat
     * @return empty when the receipt names no message id at all
     */
    public static Optional<DeliveryReceipt> parse(String text, String tlvId, Integer tlvState) {
        Map<String, String> fields = fields(text == null ? "" : text);
        String id = blankToNull(tlvId);
        if (id == null) {
            id = blankToNull(fields.get("id"));
        }
        if (id == null) {
            return Optional.empty();
        }
        String stat = fields.get("stat");
        ReceiptState state = stat != null ? ReceiptState.parse(stat)
                : tlvState != null ? ReceiptState.fromMessageState(tlvState) : ReceiptState.UNKNOWN;
        return Optional.of(new DeliveryReceipt(id, state, fields.get("err"), fields.get("submit date"),
                fields.get("done date"), fields.get("dlvrd"), fields.get("text")));
    }

    static Map<String, String> fields(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIELD.matcher(text);
        String key = null;
        int valueStart = 0;
        while (m.find()) {
            if (key != null) {
                out.putIfAbsent(key, text.substring(valueStart, m.start()).strip());
            }
            key = m.group(1).toLowerCase(Locale.ROOT).replace('_', ' ');
            valueStart = m.end();
            if (key.equals("text")) {
                break; // free text: it may itself contain "id:" or "stat:"
            }
        }
        if (key != null) {
            out.putIfAbsent(key, text.substring(valueStart).strip());
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
