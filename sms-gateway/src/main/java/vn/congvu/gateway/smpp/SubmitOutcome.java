package vn.congvu.gateway.smpp;

import java.time.Duration;

/** What became of one submit_sm. */
public sealed interface SubmitOutcome {

    /** The SMSC acknowledged it: never send it again. */
    record Accepted(String messageId) implements SubmitOutcome {
    }

    /** Not accepted this time (throttled, queue full, no response, not bound): send again after the delay. */
    record RetryLater(String reason, Duration delay) implements SubmitOutcome {
    }

    /** Refused for good (invalid destination and the like): the reason is the SMSC's. */
    record Failed(String reason) implements SubmitOutcome {
    }
}
