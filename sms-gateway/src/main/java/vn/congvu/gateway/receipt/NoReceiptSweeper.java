package vn.congvu.gateway.receipt;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.congvu.gateway.smpp.SmppProperties;

/**
 * Several Vietnamese routes never send receipts: once a message's validity period is over without a
 * final receipt it shows as "sent, no receipt" instead of pending forever.
 */
@Component
public class NoReceiptSweeper {

    private static final Logger log = LoggerFactory.getLogger(NoReceiptSweeper.class);

    private final JdbcTemplate jdbc;
    private final ReceiptMatcher matcher;
    private final SmppProperties smpp;
    private final Clock clock;

    public NoReceiptSweeper(JdbcTemplate jdbc, ReceiptMatcher matcher, SmppProperties smpp, Clock clock) {
        this.jdbc = jdbc;
        this.matcher = matcher;
        this.smpp = smpp;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gateway.receipts.sweep-interval:60s}", initialDelayString = "${gateway.receipts.sweep-interval:60s}")
    public int sweep() {
        int n = markSentWithoutReceipt(clock.millis() - smpp.validity().toMillis());
        if (n > 0) {
            log.info("{} message(s) sent without a receipt within {}", n, smpp.validity());
        }
        return n;
    }

    /** Receipts that overtook the write of their acknowledgement get matched here. */
    @Scheduled(fixedDelayString = "${gateway.receipts.reconcile-interval:5s}", initialDelayString = "${gateway.receipts.reconcile-interval:5s}")
    public int reconcile() {
        return matcher.reconcileUnmatchedReceipts(clock.millis() - smpp.validity().toMillis());
    }

    /** Acknowledged messages without a final receipt once their validity has passed. */
    public int markSentWithoutReceipt(long submittedBefore) {
        return jdbc.update("UPDATE message SET state = 'SENT_NO_RECEIPT', updated_at = ? WHERE state IN ('SUBMITTED', 'ENROUTE', 'UNKNOWN')"
                + " AND submitted_at < ?", clock.millis(), submittedBefore);
    }
}
