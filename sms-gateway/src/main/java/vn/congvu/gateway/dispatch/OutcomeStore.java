package vn.congvu.gateway.dispatch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import vn.congvu.gateway.receipt.MessageIdForms;
import vn.congvu.gateway.receipt.ReceiptMatcher;

/**
 * What the SMSC acknowledged, written before anything else happens to the message, so a restart never resends
 * it. Receipts that overtook an acknowledgement are applied in the same transaction.
 */
@Repository
public class OutcomeStore {

    private final JdbcTemplate jdbc;
    private final ReceiptMatcher receipts;
    private final Clock clock;

    public OutcomeStore(JdbcTemplate jdbc, ReceiptMatcher receipts, Clock clock) {
        this.jdbc = jdbc;
        this.receipts = receipts;
        this.clock = clock;
    }

    /**
     * Writes a batch of dispatcher outcomes in one transaction: acknowledged parts, then message states.
     * One transaction per batch is what lets the outbox keep up with thousands of submits per second.
     */
    @Transactional
    public void record(List<Outcome> outcomes) {
        long now = clock.millis();
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
        if (!parts.isEmpty() && receipts.hasUnmatchedReceipts()) {
            for (Outcome.PartAccepted p : parts) {
                if (receipts.applyEarlyReceipts(p.messageId(), p.seq(), p.smscId(), now)) {
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
            receipts.refreshMessagesWithReceipts(ids);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
