package vn.congvu.gateway.outbox;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import vn.congvu.gateway.encoding.Alphabet;
import vn.congvu.gateway.receipt.MessageIdForms;
import vn.congvu.gateway.receipt.ReceiptState;

/**
 * The durable outbox: every accepted notice and the fate of each of its messages. What the SMSC
 * acknowledged is written before anything else happens to the message, so a restart never resends it.
 */
@Repository
public class OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public OutboxStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    private long now() {
        return clock.millis();
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
        long now = now();
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

    /**
     * Takes up to {@code limit} messages that are due, urgent first, and marks them SENDING for this node. A
     * message waits while an older one to the same number is unfinished, so retries never reorder a recipient's
     * messages. With several gateways each looks at its own share (id modulo members) and the PENDING→SENDING
     * update decides, so a message is claimed by one gateway only.
     */
    @Transactional
    public List<ClaimedMessage> claimReady(int limit, String node, int members, int index) {
        long now = now();
        List<ClaimedMessage> due = new ArrayList<>(claimDue(true, now, limit, members, index));
        if (due.size() < limit) {
            due.addAll(claimDue(false, now, limit - due.size(), members, index));
        }
        if (due.isEmpty()) {
            return due;
        }
        List<Long> ids = due.stream().map(ClaimedMessage::id).toList();
        int got = named.update("UPDATE message SET state = 'SENDING', claimed_by = :node, updated_at = :now"
                + " WHERE id IN (:ids) AND state = 'PENDING'", ids(ids).addValue("node", node).addValue("now", now));
        if (got < ids.size()) {
            // another gateway took some of them first
            Set<Long> mine = new HashSet<>(named.queryForList("SELECT id FROM message WHERE id IN (:ids)"
                    + " AND state = 'SENDING' AND claimed_by = :node", ids(ids).addValue("node", node), Long.class));
            due.removeIf(m -> !mine.contains(m.id()));
            ids = due.stream().map(ClaimedMessage::id).toList();
            if (ids.isEmpty()) {
                return due;
            }
        }
        // only a message claimed before (a retry, a resend after a crash) can have acknowledged parts
        List<Long> claimedBefore = due.stream().filter(ClaimedMessage::claimedBefore).map(ClaimedMessage::id).toList();
        Map<Long, Set<Integer>> accepted = new HashMap<>();
        if (!claimedBefore.isEmpty()) {
            named.query("SELECT message_id, seq FROM message_part WHERE message_id IN (:ids)", ids(claimedBefore),
                    rs -> {
                        accepted.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getInt(2));
                    });
        }
        List<ClaimedMessage> out = new ArrayList<>(due.size());
        for (ClaimedMessage m : due) {
            out.add(new ClaimedMessage(m.id(), m.recipient(), m.alphabet(), m.text(), m.parts(),
                    Set.copyOf(accepted.getOrDefault(m.id(), Set.of())), m.createdAt(), m.attempts(), m.claimedBefore()));
        }
        return out;
    }

    /**
     * Writes a batch of dispatcher outcomes in one transaction: acknowledged parts, then message states.
     * One transaction per batch is what lets the outbox keep up with thousands of submits per second.
     */
    @Transactional
    public void record(List<Outcome> outcomes) {
        long now = now();
        List<Outcome.PartAccepted> parts = new ArrayList<>();
        List<Outcome.Submitted> submitted = new ArrayList<>();
        List<Outcome.Retry> retries = new ArrayList<>();
        List<Outcome.Failed> failed = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o instanceof Outcome.PartAccepted p) {
                parts.add(p);
            } else if (o instanceof Outcome.Submitted x) {
                submitted.add(x);
            } else if (o instanceof Outcome.Retry r) {
                retries.add(r);
            } else if (o instanceof Outcome.Failed f) {
                failed.add(f);
            }
        }
        jdbc.batchUpdate("INSERT INTO message_part (message_id, seq, account, smsc_id, smsc_key, accepted_at) VALUES (?,?,?,?,?,?)",
                parts, 1000, (ps, p) -> {
                    ps.setLong(1, p.messageId());
                    ps.setInt(2, p.seq());
                    ps.setString(3, p.account());
                    ps.setString(4, p.smscId());
                    ps.setString(5, MessageIdForms.key(p.smscId()));
                    ps.setLong(6, now);
                });
        jdbc.batchUpdate("UPDATE message SET state = 'SUBMITTED', account = ?, detail = NULL, submitted_at = ?,"
                + " updated_at = ?, attempts = attempts + 1 WHERE id = ?", submitted, 1000, (ps, x) -> {
                    ps.setString(1, x.account());
                    ps.setLong(2, now);
                    ps.setLong(3, now);
                    ps.setLong(4, x.messageId());
                });
        jdbc.batchUpdate("UPDATE message SET state = 'PENDING', detail = ?, next_attempt_at = ?,"
                + " attempts = attempts + ?, updated_at = ? WHERE id = ?", retries, 1000, (ps, r) -> {
                    ps.setString(1, truncate(r.reason()));
                    ps.setLong(2, r.notBefore());
                    ps.setInt(3, r.attempted() ? 1 : 0);
                    ps.setLong(4, now);
                    ps.setLong(5, r.messageId());
                });
        jdbc.batchUpdate("UPDATE message SET state = 'FAILED', detail = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
                failed, 1000, (ps, f) -> {
                    ps.setString(1, truncate(f.reason()));
                    ps.setLong(2, now);
                    ps.setLong(3, f.messageId());
                });
        Set<Long> receiptsApplied = new HashSet<>();
        if (!parts.isEmpty() && hasUnmatchedReceipts()) {
            for (Outcome.PartAccepted p : parts) {
                if (applyEarlyReceipts(p.messageId(), p.seq(), p.smscId(), now)) {
                    receiptsApplied.add(p.messageId());
                }
            }
        }
        // receipts may have reached a part before its message was complete (an earlier batch); a first send whose
        // parts are all in this batch has none but those just applied, so it needs no look-up
        Map<Long, Integer> partsHere = new HashMap<>();
        parts.forEach(p -> partsHere.merge(p.messageId(), 1, Integer::sum));
        List<Long> ids = submitted.stream()
                .filter(x -> x.freshParts() < 0 || partsHere.getOrDefault(x.messageId(), 0) < x.freshParts()
                        || receiptsApplied.contains(x.messageId()))
                .map(Outcome.Submitted::messageId).toList();
        if (!ids.isEmpty()) {
            named.queryForList("SELECT DISTINCT message_id FROM message_part WHERE message_id IN (:ids)"
                            + " AND receipt_state IS NOT NULL", ids(ids), Long.class)
                    .forEach(this::refreshFromReceipts);
        }
    }

    /** Ids for {@code IN (:ids)}: the one list form SQLite and PostgreSQL both take (batches stay under 2,000). */
    private static MapSqlParameterSource ids(List<Long> ids) {
        return new MapSqlParameterSource("ids", ids);
    }

    private boolean hasUnmatchedReceipts() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM unmatched_receipt)", Boolean.class));
    }

    private List<ClaimedMessage> claimDue(boolean urgent, long now, int limit, int members, int index) {
        String share = members > 1 ? " AND m.id % " + members + " = " + index : "";
        return jdbc.query(
                "SELECT m.id, m.recipient, n.alphabet, n.sent_text, m.parts, m.created_at, m.attempts, m.claimed_by"
                        + " FROM message m JOIN notice n ON n.id = m.notice_id"
                        + " WHERE m.state = 'PENDING' AND m.urgent = ? AND m.next_attempt_at <= ?" + share
                        + " AND NOT EXISTS (SELECT 1 FROM message o WHERE o.recipient = m.recipient AND o.id < m.id"
                        + "   AND o.state IN ('PENDING', 'SENDING'))"
                        // the index's own column order: the database reads it in order and stops at the limit
                        + " ORDER BY m.state, m.urgent, m.id LIMIT ?",
                (rs, i) -> new ClaimedMessage(rs.getLong(1), rs.getString(2), Alphabet.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getInt(5), Set.of(), rs.getLong(6), rs.getInt(7), rs.getString(8) != null),
                urgent, now, limit);
    }

    /** Returns whether any waiting receipt was applied. */
    private boolean applyEarlyReceipts(long messageId, int seq, String smscId, long now) {
        Set<String> forms = MessageIdForms.candidates(smscId);
        // waiting receipts with this id on whichever account they came in (see partForReceipt), in arrival order
        List<Object[]> early = named.query("SELECT id, receipt_state, receipt_error FROM unmatched_receipt"
                        + " WHERE smsc_key IN (:keys) ORDER BY id",
                new MapSqlParameterSource("keys", forms),
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)});
        for (Object[] r : early) {
            jdbc.update("UPDATE message_part SET receipt_state = ?, receipt_error = ?, receipt_at = ? WHERE message_id = ? AND seq = ?",
                    r[1], r[2], now, messageId, seq);
            jdbc.update("DELETE FROM unmatched_receipt WHERE id = ?", r[0]);
        }
        return !early.isEmpty();
    }

    /**
     * After a crash, a kill or a gateway leaving the cluster: what gateways no longer alive were submitting goes
     * back to the queue; acknowledged parts stay and are not sent again. claimed_by stays set: it tells the next
     * claim to look for those parts (see claimReady).
     */
    public int releaseClaimsExcept(Set<String> liveNodes) {
        return named.update("UPDATE message SET state = 'PENDING', updated_at = :now"
                        + " WHERE state = 'SENDING' AND (claimed_by IS NULL OR claimed_by NOT IN (:live))",
                new MapSqlParameterSource("now", now()).addValue("live", liveNodes));
    }

    /**
     * Applies a receipt to the part whose SMSC id matches in either base. Returns false when no part
     * matches yet; the receipt is then kept until the submit_sm_resp it answers is stored.
     */
    @Transactional
    public boolean applyReceipt(String account, String smscId, ReceiptState state, String error) {
        long now = now();
        Optional<long[]> part = partForReceipt(account, smscId);
        if (part.isEmpty()) {
            jdbc.update("INSERT INTO unmatched_receipt (account, smsc_key, receipt_state, receipt_error, received_at)"
                    + " VALUES (?,?,?,?,?)", account, MessageIdForms.key(smscId), state.name(), truncate16(error), now);
            return false;
        }
        jdbc.update("UPDATE message_part SET receipt_state = ?, receipt_error = ?, receipt_at = ? WHERE message_id = ? AND seq = ?",
                state.name(), truncate16(error), now, part.get()[0], part.get()[1]);
        refreshFromReceipts(part.get()[0]);
        return true;
    }

    /**
     * The part a receipt is about: one submitted on the account the receipt came in on (the exact id before
     * the other base, the latest first: ids get reused), else the one part of another account with that id.
     * Telcos send some receipts on a receiver bind or another system_id than the submitting one; an id that
     * several other accounts used is left unmatched rather than guessed.
     */
    private Optional<long[]> partForReceipt(String account, String smscId) {
        String exact = MessageIdForms.key(smscId);
        List<Object[]> rows = named.query("SELECT message_id, seq, account, smsc_key FROM message_part"
                        + " WHERE smsc_key IN (:keys) ORDER BY accepted_at DESC",
                new MapSqlParameterSource("keys", MessageIdForms.candidates(smscId)),
                (rs, i) -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)});
        Comparator<Object[]> exactFirst = Comparator.comparing(r -> exact.equals(r[3]) ? 0 : 1);
        Optional<Object[]> own = rows.stream().filter(r -> account.equals(r[2])).min(exactFirst);
        if (own.isPresent()) {
            return own.map(OutboxStore::partKey);
        }
        List<Object[]> exactElsewhere = rows.stream().filter(r -> exact.equals(r[3])).toList();
        List<Object[]> elsewhere = exactElsewhere.isEmpty() ? rows : exactElsewhere;
        if (elsewhere.size() > 1) {
            log.warn("receipt on {} for id {}: {} parts of other accounts have that id, not guessing", account, smscId,
                    elsewhere.size());
            return Optional.empty();
        }
        return elsewhere.stream().findFirst().map(OutboxStore::partKey);
    }

    private static long[] partKey(Object[] row) {
        return new long[] {(Long) row[0], (Integer) row[1]};
    }

    /**
     * One status per message from the receipts of its parts: a failed part fails the message, otherwise
     * one delivered part is enough (many SMSCs send a receipt for one part only).
     */
    private void refreshFromReceipts(long messageId) {
        String current = jdbc.queryForObject("SELECT state FROM message WHERE id = ?", String.class, messageId);
        if (!MessageState.valueOf(current).awaitsReceipt() || MessageState.valueOf(current) == MessageState.SENDING) {
            return;
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT receipt_state, receipt_error FROM message_part WHERE message_id = ? AND receipt_state IS NOT NULL ORDER BY seq",
                messageId);
        if (rows.isEmpty()) {
            return;
        }
        ReceiptState worst = null;
        String error = null;
        boolean delivered = false;
        boolean unknown = false;
        for (Map<String, Object> row : rows) {
            ReceiptState s = ReceiptState.valueOf((String) row.get("receipt_state"));
            if (s == ReceiptState.UNDELIV || s == ReceiptState.EXPIRED || s == ReceiptState.REJECTD) {
                if (worst == null) {
                    worst = s;
                    error = (String) row.get("receipt_error");
                }
            } else if (s == ReceiptState.DELIVRD) {
                delivered = true;
            } else if (s == ReceiptState.UNKNOWN) {
                unknown = true;
            }
        }
        ReceiptState overall = worst != null ? worst : delivered ? ReceiptState.DELIVRD
                : unknown ? ReceiptState.UNKNOWN : ReceiptState.ENROUTE;
        String detail = worst != null && error != null ? "receipt " + overall + " err:" + error : null;
        jdbc.update("UPDATE message SET state = ?, detail = ?, updated_at = ? WHERE id = ?",
                MessageState.of(overall).name(), detail, now(), messageId);
    }

    /**
     * Receipts kept because their part was not stored yet when they came (the receipt and the acknowledgement
     * raced): applied now if the part is there; dropped once older than {@code dropBefore}.
     *
     * @return receipts applied
     */
    @Transactional
    public int reconcileUnmatchedReceipts(long dropBefore) {
        List<Object[]> rows = jdbc.query("SELECT id, account, smsc_key, receipt_state, receipt_error FROM unmatched_receipt ORDER BY id LIMIT 1000",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
        int applied = 0;
        long now = now();
        for (Object[] r : rows) {
            Optional<long[]> part = partForReceipt((String) r[1], (String) r[2]);
            if (part.isEmpty()) {
                continue;
            }
            jdbc.update("UPDATE message_part SET receipt_state = ?, receipt_error = ?, receipt_at = ? WHERE message_id = ? AND seq = ?",
                    r[3], r[4], now, part.get()[0], part.get()[1]);
            jdbc.update("DELETE FROM unmatched_receipt WHERE id = ?", r[0]);
            refreshFromReceipts(part.get()[0]);
            applied++;
        }
        jdbc.update("DELETE FROM unmatched_receipt WHERE received_at < ?", dropBefore);
        return applied;
    }

    /** Acknowledged messages without a final receipt once their validity has passed. */
    public int markSentWithoutReceipt(long submittedBefore) {
        return jdbc.update("UPDATE message SET state = 'SENT_NO_RECEIPT', updated_at = ? WHERE state IN ('SUBMITTED', 'ENROUTE', 'UNKNOWN')"
                + " AND submitted_at < ?", now(), submittedBefore);
    }

    public long queueDepth() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state IN ('PENDING', 'SENDING')", Long.class);
        return n == null ? 0 : n;
    }

    public Optional<StoredNotice> findNotice(long id) {
        List<StoredNotice> notices = jdbc.query("SELECT id, created_at, sender, text, requested_encoding, alphabet, parts, urgent"
                        + " FROM notice WHERE id = ?",
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

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static String truncate16(String s) {
        return s == null || s.length() <= 16 ? s : s.substring(0, 16);
    }
}
