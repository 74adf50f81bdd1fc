package vn.congvu.gateway.receipt;

import static vn.congvu.gateway.outbox.InList.ids;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import vn.congvu.gateway.outbox.MessageState;

/**
 * Matches delivery receipts to the parts they are about and turns the receipts of a message's parts into its state.
 * A receipt that finds no part yet is kept and matched when the part is stored.
 */
@Repository
public class ReceiptMatcher {

    private static final Logger log = LoggerFactory.getLogger(ReceiptMatcher.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public ReceiptMatcher(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * Applies a receipt to the part whose SMSC id matches in either base. Returns false when no part
     * matches yet; the receipt is then kept until the submit_sm_resp it answers is stored.
     */
    @Transactional
    public boolean applyReceipt(String account, String smscId, ReceiptState state, String error) {
        long now = clock.millis();
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
            return own.map(ReceiptMatcher::partKey);
        }
        List<Object[]> exactElsewhere = rows.stream().filter(r -> exact.equals(r[3])).toList();
        List<Object[]> elsewhere = exactElsewhere.isEmpty() ? rows : exactElsewhere;
        if (elsewhere.size() > 1) {
            log.warn("receipt on {} for id {}: {} parts of other accounts have that id, not guessing", account, smscId,
                    elsewhere.size());
            return Optional.empty();
        }
        return elsewhere.stream().findFirst().map(ReceiptMatcher::partKey);
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
                overall.messageState().name(), detail, clock.millis(), messageId);
    }

    /** Recomputes the state of those of these messages whose parts have receipts (see refreshFromReceipts). */
    public void refreshMessagesWithReceipts(List<Long> messageIds) {
        named.queryForList("SELECT DISTINCT message_id FROM message_part WHERE message_id IN (:ids)"
                        + " AND receipt_state IS NOT NULL", ids(messageIds), Long.class)
                .forEach(this::refreshFromReceipts);
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
        long now = clock.millis();
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

    /** Whether any receipt waits for its part: usually none, and then the parts need no look-up. */
    public boolean hasUnmatchedReceipts() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM unmatched_receipt)", Boolean.class));
    }

    /**
     * A receipt can come before the write of the acknowledgement it answers: applies those waiting for this part, in
     * the transaction that stores the part. Returns whether any waiting receipt was applied.
     */
    public boolean applyEarlyReceipts(long messageId, int seq, String smscId, long now) {
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

    private static String truncate16(String s) {
        return s == null || s.length() <= 16 ? s : s.substring(0, 16);
    }
}
