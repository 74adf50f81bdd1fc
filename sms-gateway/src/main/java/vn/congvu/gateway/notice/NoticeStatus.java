package vn.congvu.gateway.notice;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Answer to {@code GET /api/v1/notices/{id}}: the notice and where each recipient's SMS stands. */
public record NoticeStatus(long id, Instant createdAt, String sender, String text, String encoding, int segments,
                           boolean urgent, Map<String, Long> summary, List<RecipientStatus> recipients) {

    /**
     * @param status PENDING, SENDING, SUBMITTED, ENROUTE, DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED, UNKNOWN,
     *               SENT_NO_RECEIPT, FAILED or INVALID
     * @param detail the SMSC's reason for a failure, the last retry reason, or why there is no number
     */
    public record RecipientStatus(String target, String number, String status, String detail, String smsc,
                                  int attempts, Instant submittedAt) {
    }
}
