package vn.congvu.gateway.notice;

import java.util.List;
import vn.congvu.gateway.outbox.MessageState;

public record StoredNotice(long id, long createdAt, String sender, String text, String requestedEncoding,
                           String alphabet, int parts, boolean urgent, List<Recipient> recipients) {

    public record Recipient(String target, String recipient, MessageState state, String detail, String account,
                            int attempts, Long submittedAt, int partsAccepted) {
    }
}
