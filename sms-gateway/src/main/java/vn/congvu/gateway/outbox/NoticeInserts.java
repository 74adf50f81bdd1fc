package vn.congvu.gateway.outbox;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues notices: every accepted notice and its messages are stored before the caller gets an id, so a restart
 * sends whatever was accepted.
 */
@Repository
public class NoticeInserts {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public NoticeInserts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a notice with all its messages in one transaction; returns the notice id. */
    @Transactional
    public long createNotice(NewNotice notice, List<NewMessage> messages) {
        return createNotices(List.of(new NoticeRows(notice, messages))).get(0);
    }

    /** A notice and its messages, as stored together. */
    public record NoticeRows(NewNotice notice, List<NewMessage> messages) {
    }

    /**
     * Stores several notices in one transaction (one commit for many API requests); returns their ids in
     * order. All their messages go in one JDBC batch.
     */
    @Transactional
    public List<Long> createNotices(List<NoticeRows> notices) {
        long now = clock.millis();
        List<Long> ids = new ArrayList<>(notices.size());
        List<Object[]> rows = new ArrayList<>();
        for (NoticeRows n : notices) {
            long noticeId = insertNotice(n.notice(), now);
            ids.add(noticeId);
            for (NewMessage m : n.messages()) {
                rows.add(new Object[] {noticeId, n.notice(), m});
            }
        }
        jdbc.batchUpdate("INSERT INTO message (notice_id, target, recipient, state, detail, urgent, parts, attempts,"
                        + " next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,0,?,?,?)",
                rows, 1000, (ps, row) -> {
                    NewNotice notice = (NewNotice) row[1];
                    NewMessage m = (NewMessage) row[2];
                    ps.setLong(1, (Long) row[0]);
                    ps.setString(2, m.target());
                    ps.setString(3, m.recipient());
                    ps.setString(4, (m.recipient() == null ? MessageState.INVALID : MessageState.PENDING).name());
                    ps.setString(5, m.problem());
                    ps.setBoolean(6, notice.urgent());
                    ps.setInt(7, notice.encoded().parts());
                    ps.setLong(8, now);
                    ps.setLong(9, now);
                    ps.setLong(10, now);
                });
        return ids;
    }

    private long insertNotice(NewNotice notice, long now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO notice (created_at, sender, text, requested_encoding,"
                    + " alphabet, sent_text, parts, urgent) VALUES (?,?,?,?,?,?,?,?)", new String[] {"id"});
            ps.setLong(1, now);
            ps.setString(2, notice.sender());
            ps.setString(3, notice.text());
            ps.setString(4, notice.requested().name());
            ps.setString(5, notice.encoded().alphabet().name());
            ps.setString(6, notice.encoded().text());
            ps.setInt(7, notice.encoded().parts());
            ps.setBoolean(8, notice.urgent());
            return ps;
        }, keys);
        return keys.getKey().longValue();
    }

    /**
     * Stores a directive alert unless every number already had one for this mail: numbers already alerted for
     * {@code mailMessageId} are dropped first, so a retried hand-over never sends twice.
     *
     * @return the notice id and the messages actually stored, or empty when all were duplicates
     */
    @Transactional
    public Optional<StoredAlert> createAlert(String mailMessageId, NewNotice notice, List<NewMessage> messages) {
        Set<String> already = new HashSet<>(jdbc.queryForList(
                "SELECT recipient FROM alert_delivery WHERE message_id = ?", String.class, mailMessageId));
        List<NewMessage> fresh = messages.stream()
                .filter(m -> m.recipient() == null || !already.contains(m.recipient()))
                .toList();
        if (fresh.stream().noneMatch(m -> m.recipient() != null)) {
            return Optional.empty();
        }
        long noticeId = createNotice(notice, fresh);
        jdbc.batchUpdate("INSERT INTO alert_delivery (message_id, recipient, notice_id) VALUES (?,?,?)",
                fresh.stream().filter(m -> m.recipient() != null).toList(), 1000, (ps, m) -> {
                    ps.setString(1, mailMessageId);
                    ps.setString(2, m.recipient());
                    ps.setLong(3, noticeId);
                });
        return Optional.of(new StoredAlert(noticeId, fresh, messages.size() - fresh.size()));
    }

    public record StoredAlert(long noticeId, List<NewMessage> stored, int duplicates) {
    }
}
