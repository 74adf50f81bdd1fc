package vn.congvu.gateway.notice;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.congvu.gateway.outbox.MessageState;

/**
 * The notices page's history: notices newest first, a page at a time, each with how many of its recipients
 * stand where. Read-only queries of its own on the outbox tables (the sending side's store is tuned for sending).
 */
@Repository
public class NoticeHistory {

    public static final int MAX_PAGE_SIZE = 100;

    /**
     * @param kind        "notice" (typed by a sender) or "directive" (raised by a directive mail)
     * @param mailSubject subject of the directive mail, null for a notice
     * @param mailSender  sender of the directive mail, null for a notice
     */
    public record Entry(long id, Instant createdAt, String sender, String text, String encoding, int segments,
                        boolean urgent, String kind, String mailSubject, String mailSender, Counts counts) {

        Entry with(Counts c) {
            return new Entry(id, createdAt, sender, text, encoding, segments, urgent, kind, mailSubject, mailSender, c);
        }
    }

    /**
     * @param pending       not yet known: waiting, being sent, or accepted by the SMSC without a final receipt yet
     * @param failed        refused, undeliverable, expired, or never sent (no valid number)
     * @param sentNoReceipt accepted by the SMSC, but no receipt came within the validity period
     */
    public record Counts(int total, int delivered, int pending, int failed, int sentNoReceipt) {
    }

    public record Page(int page, int size, boolean hasMore, List<Entry> notices) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public NoticeHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public Page page(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ", not " + size);
        }
        // one row more than asked tells whether there is a next page without counting them all
        List<Entry> rows = jdbc.query("SELECT id, created_at, sender, text, alphabet, parts, urgent, kind,"
                        + " mail_subject, mail_sender FROM notice WHERE kind <> 'system' ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, i) -> new Entry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBoolean(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), null),
                size + 1, (long) page * size);
        boolean hasMore = rows.size() > size;
        List<Entry> shown = hasMore ? rows.subList(0, size) : rows;
        Map<Long, int[]> counts = counts(shown.stream().map(Entry::id).toList());
        List<Entry> entries = shown.stream().map(e -> {
            int[] c = counts.getOrDefault(e.id(), new int[5]);
            return e.with(new Counts(c[0], c[1], c[2], c[3], c[4]));
        }).toList();
        return new Page(page, size, hasMore, entries);
    }

    /** Per notice: total, delivered, pending, failed, sent without receipt. */
    private Map<Long, int[]> counts(List<Long> ids) {
        Map<Long, int[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        named.query("SELECT notice_id, state, COUNT(*) FROM message WHERE notice_id IN (:ids) GROUP BY notice_id, state",
                new MapSqlParameterSource("ids", ids), rs -> {
                    int[] c = out.computeIfAbsent(rs.getLong(1), k -> new int[5]);
                    int n = rs.getInt(3);
                    c[0] += n;
                    c[column(MessageState.valueOf(rs.getString(2)))] += n;
                });
        return out;
    }

    private static int column(MessageState state) {
        return switch (state) {
            case DELIVERED -> 1;
            case PENDING, SENDING, SUBMITTED, ENROUTE, UNKNOWN -> 2;
            case UNDELIVERABLE, EXPIRED, REJECTED, FAILED, INVALID -> 3;
            case SENT_NO_RECEIPT -> 4;
        };
    }
}
