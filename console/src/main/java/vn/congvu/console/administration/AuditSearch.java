package vn.congvu.console.administration;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditTrail;

/**
 * The audit search of the page and the API: {@code since} an instant ({@code 2026-12-08T01:00:00Z}) or a day
 * ({@code 2026-12-08}, from its start in Vietnam's time), {@code actor}, {@code subject}, {@code action} (the wire
 * name, e.g. {@code account-unlocked}), {@code limit} (default {@link #DEFAULT_LIMIT}, at most {@link #MAX_LIMIT}).
 * A value that cannot be read is an {@link IllegalArgumentException} with a Vietnamese sentence.
 */
@Component
class AuditSearch {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AuditTrail trail;

    AuditSearch(AuditTrail trail) {
        this.trail = trail;
    }

    List<AuditEvent> search(String since, String actor, String subject, String action, String limit) {
        return trail.search(new AuditTrail.Query(since(since), null, blankToNull(actor), blankToNull(subject),
                action(action), limit(limit)));
    }

    /** One record as the API shows it: the fields that are set, the action by its wire name. */
    static Map<String, String> json(AuditEvent e) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("at", e.at().toString());
        out.put("process", e.process());
        out.put("action", e.action().wire());
        out.put("actor", e.actor());
        put(out, "subject", e.subject());
        put(out, "source", e.source());
        put(out, "before", e.before());
        put(out, "after", e.after());
        put(out, "detail", e.detail());
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static Instant since(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.strip().length() == 10 ? LocalDate.parse(value.strip()).atStartOfDay(VIETNAM).toInstant()
                    : Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"since\" phải là một ngày (2026-12-08) hoặc một thời điểm"
                    + " (2026-12-08T01:00:00Z).");
        }
    }

    private static AuditAction action(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return AuditAction.ofWire(value.strip()).orElseThrow(() -> new IllegalArgumentException(
                "\"action\" không có: " + value.strip() + "."));
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new IllegalArgumentException("\"limit\" phải là số từ 1 đến " + MAX_LIMIT + ".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
