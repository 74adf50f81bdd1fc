package vn.congvu.gateway.outbox;

import vn.congvu.gateway.receipt.ReceiptState;

/** Where one recipient's SMS stands. */
public enum MessageState {
    /** Stored, waiting for its turn (or for a retry after throttling or an outage). */
    PENDING,
    /** Being submitted right now. */
    SENDING,
    /** Every part acknowledged by the SMSC; no receipt yet. */
    SUBMITTED,
    ENROUTE,
    DELIVERED,
    UNDELIVERABLE,
    EXPIRED,
    REJECTED,
    UNKNOWN,
    /** Acknowledged by the SMSC, but no final receipt within the validity period (routes without receipts). */
    SENT_NO_RECEIPT,
    /** Refused by the SMSC for good, or not accepted within the validity period. */
    FAILED,
    /** Never sent: the target has no valid mobile number. */
    INVALID;

    static MessageState of(ReceiptState receipt) {
        return switch (receipt) {
            case ENROUTE -> ENROUTE;
            case DELIVRD -> DELIVERED;
            case UNDELIV -> UNDELIVERABLE;
            case EXPIRED -> EXPIRED;
            case REJECTD -> REJECTED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** States a receipt may still change. */
    boolean awaitsReceipt() {
        return this == SUBMITTED || this == ENROUTE || this == UNKNOWN || this == SENT_NO_RECEIPT
                || this == DELIVERED || this == SENDING;
    }
}
