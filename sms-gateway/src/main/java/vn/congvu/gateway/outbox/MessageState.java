package vn.congvu.gateway.outbox;

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

    /** States a receipt may still change. */
    public boolean awaitsReceipt() {
        return this == SUBMITTED || this == ENROUTE || this == UNKNOWN || this == SENT_NO_RECEIPT
                || this == DELIVERED || this == SENDING;
    }
}
