package vn.congvu.gateway.dispatch;

import static vn.congvu.gateway.outbox.InList.ids;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import vn.congvu.gateway.encoding.Alphabet;

/** The outbox as the dispatcher sees it: due messages claimed for one gateway, and claims of dead ones released. */
@Repository
public class DispatchQueue {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Clock clock;

    public DispatchQueue(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * Takes up to {@code limit} messages that are due, urgent first, and marks them SENDING for this node. A
     * message waits while an older one to the same number is unfinished, so retries never reorder a recipient's
     * messages. With several gateways each looks at its own share (id modulo members) and the PENDING→SENDING
     * update decides, so a message is claimed by one gateway only.
     */
    @Transactional
    public List<ClaimedMessage> claimReady(int limit, String node, int members, int index) {
        long now = clock.millis();
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
     * After a crash, a kill or a gateway leaving the cluster: what gateways no longer alive were submitting goes
     * back to the queue; acknowledged parts stay and are not sent again. claimed_by stays set: it tells the next
     * claim to look for those parts (see claimReady).
     */
    public int releaseClaimsExcept(Set<String> liveNodes) {
        return named.update("UPDATE message SET state = 'PENDING', updated_at = :now"
                        + " WHERE state = 'SENDING' AND (claimed_by IS NULL OR claimed_by NOT IN (:live))",
                new MapSqlParameterSource("now", clock.millis()).addValue("live", liveNodes));
    }

    public long queueDepth() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state IN ('PENDING', 'SENDING')", Long.class);
        return n == null ? 0 : n;
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
}
