package vn.congvu.gateway.dispatch;

/** What the dispatcher learnt about a message, to be written to the outbox (in order, in batches). */
public sealed interface Outcome {

    long messageId();

    /** The SMSC acknowledged one part. */
    record PartAccepted(long messageId, int seq, String account, String smscId) implements Outcome {
    }

    /**
     * Every part acknowledged.
     *
     * @param freshParts parts acknowledged in this send when the message had none before it (a first claim), so
     *                   only receipts met in the same outbox write can concern them; -1 when unknown
     */
    record Submitted(long messageId, String account, int freshParts) implements Outcome {

        public Submitted(long messageId, String account) {
            this(messageId, account, -1);
        }
    }

    /**
     * Back to the queue until {@code notBefore}.
     *
     * @param attempted false when nothing was sent (no account was up): does not count as an attempt
     */
    record Retry(long messageId, String reason, long notBefore, boolean attempted) implements Outcome {
    }

    /** Refused for good. */
    record Failed(long messageId, String reason) implements Outcome {
    }
}
