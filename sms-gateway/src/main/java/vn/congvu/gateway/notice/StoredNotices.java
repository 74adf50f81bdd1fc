package vn.congvu.gateway.notice;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.congvu.gateway.outbox.MessageState;

/** Reads a stored notice back with where each of its messages stands. */
@Repository
public class StoredNotices {

    private final JdbcTemplate jdbc;

    public StoredNotices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredNotice> findNotice(long id) {
        List<StoredNotice> notices = jdbc.query("SELECT id, created_at, sender, text, requested_encoding, alphabet, parts, urgent"
                        + " FROM notice WHERE id = ? AND kind <> 'system'",
                (rs, i) -> new StoredNotice(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7), rs.getBoolean(8), List.of()),
                id);
        if (notices.isEmpty()) {
            return Optional.empty();
        }
        StoredNotice n = notices.get(0);
        List<StoredNotice.Recipient> recipients = jdbc.query(
                "SELECT m.target, m.recipient, m.state, m.detail, m.account, m.attempts, m.submitted_at,"
                        + " (SELECT COUNT(*) FROM message_part p WHERE p.message_id = m.id)"
                        + " FROM message m WHERE m.notice_id = ? ORDER BY m.id",
                (rs, i) -> new StoredNotice.Recipient(rs.getString(1), rs.getString(2), MessageState.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getInt(6), nullableLong(rs.getLong(7), rs.wasNull()), rs.getInt(8)),
                id);
        return Optional.of(new StoredNotice(n.id(), n.createdAt(), n.sender(), n.text(), n.requestedEncoding(),
                n.alphabet(), n.parts(), n.urgent(), recipients));
    }

    /** Smsc ids of the acknowledged parts of a message, in part order (tests, support). */
    public List<String> smscIds(long messageId) {
        return jdbc.queryForList("SELECT smsc_id FROM message_part WHERE message_id = ? ORDER BY seq", String.class, messageId);
    }

    public List<Long> messageIds(long noticeId) {
        return jdbc.queryForList("SELECT id FROM message WHERE notice_id = ? ORDER BY id", Long.class, noticeId);
    }

    private static Long nullableLong(long value, boolean wasNull) {
        return wasNull ? null : value;
    }
}
