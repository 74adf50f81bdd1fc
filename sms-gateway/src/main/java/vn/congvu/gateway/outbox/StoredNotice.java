package vn.congvu.gateway.outbox;

import java.util.List;

public record StoredNotice(long id, long createdAt, String sender, String text, String requestedEncoding,
                           String alphabet, int parts, boolean urgent, List<Recipient> recipients) {

    public record Recipient(String target, String recipient, MessageState state, String detail, String account,
                            int attempts, Long submittedAt, int partsAccepted) {
    }
}
