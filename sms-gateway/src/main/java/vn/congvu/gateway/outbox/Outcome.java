package vn.congvu.gateway.outbox;

/** What the dispatcher learnt about a message, to be written to the outbox (in order, in batches). */
public sealed interface Outcome {

    long messageId();

    /** The SMSC acknowledged one part. */
    record PartAccepted(long messageId, int seq, String account, String smscId) implements Outcome {
    }

    /** Every part acknowledged. */
    record Submitted(long messageId, String account) implements Outcome {
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
