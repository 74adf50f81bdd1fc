package vn.congvu.gateway.receipt;

import java.util.Locale;
import vn.congvu.gateway.outbox.MessageState;

/** What a delivery receipt says about a message, in the words of the SMPP 3.4 receipt format. */
public enum ReceiptState {
    ENROUTE(false), DELIVRD(true), UNDELIV(true), EXPIRED(true), REJECTD(true), UNKNOWN(false);

    private final boolean terminal;

    ReceiptState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** What this receipt makes of its message. */
    public MessageState messageState() {
        return switch (this) {
            case ENROUTE -> MessageState.ENROUTE;
            case DELIVRD -> MessageState.DELIVERED;
            case UNDELIV -> MessageState.UNDELIVERABLE;
            case EXPIRED -> MessageState.EXPIRED;
            case REJECTD -> MessageState.REJECTED;
            case UNKNOWN -> MessageState.UNKNOWN;
        };
    }

    /**
     * Reads the stat field the way vendors write it: DELIVRD or DELIVERED, UNDELIV or UNDELIVERABLE,
     * DELETED (gone undelivered), ACCEPTD (still on its way as far as we can tell).
     */
    public static ReceiptState parse(String stat) {
        if (stat == null) {
            return UNKNOWN;
        }
        String s = stat.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("DELIV")) {
            return DELIVRD;
        }
        if (s.startsWith("UNDEL") || s.startsWith("DELET") || s.startsWith("FAIL")) {
            return UNDELIV;
        }
        if (s.startsWith("EXPIR")) {
            return EXPIRED;
        }
        if (s.startsWith("REJEC")) {
            return REJECTD;
        }
        if (s.startsWith("ENROU") || s.startsWith("ACCEP") || s.startsWith("BUFFER")) {
            return ENROUTE;
        }
        return UNKNOWN;
    }

    /** The message_state TLV (SMPP 3.4 §5.2.28). */
    public static ReceiptState fromMessageState(int state) {
        return switch (state) {
            case 1, 6 -> ENROUTE;
            case 2 -> DELIVRD;
            case 3 -> EXPIRED;
            case 4, 5 -> UNDELIV;
            case 8 -> REJECTD;
            default -> UNKNOWN;
        };
    }
}
