package vn.congvu.gateway.smpp;

import java.util.Map;

/** SMPP 3.4 command_status values: a readable reason, and which of them are worth retrying. */
public final class CommandStatus {

    public static final int ESME_RMSGQFUL = 0x14;
    public static final int ESME_RTHROTTLED = 0x58;
    public static final int ESME_RALYBND = 0x05;
    public static final int ESME_RBINDFAIL = 0x0D;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(0x01, "ESME_RINVMSGLEN invalid message length"),
            Map.entry(0x02, "ESME_RINVCMDLEN invalid command length"),
            Map.entry(0x03, "ESME_RINVCMDID invalid command id"),
            Map.entry(0x04, "ESME_RINVBNDSTS incorrect bind status"),
            Map.entry(0x05, "ESME_RALYBND already bound"),
            Map.entry(0x08, "ESME_RSYSERR system error"),
            Map.entry(0x0A, "ESME_RINVSRCADR invalid source address"),
            Map.entry(0x0B, "ESME_RINVDSTADR invalid destination address"),
            Map.entry(0x0C, "ESME_RINVMSGID invalid message id"),
            Map.entry(0x0D, "ESME_RBINDFAIL bind failed"),
            Map.entry(0x0E, "ESME_RINVPASWD invalid password"),
            Map.entry(0x0F, "ESME_RINVSYSID invalid system id"),
            Map.entry(0x14, "ESME_RMSGQFUL message queue full"),
            Map.entry(0x33, "ESME_RINVNUMDESTS invalid number of destinations"),
            Map.entry(0x45, "ESME_RSUBMITFAIL submit_sm failed"),
            Map.entry(0x48, "ESME_RINVSRCTON invalid source TON"),
            Map.entry(0x49, "ESME_RINVSRCNPI invalid source NPI"),
            Map.entry(0x50, "ESME_RINVDSTTON invalid destination TON"),
            Map.entry(0x51, "ESME_RINVDSTNPI invalid destination NPI"),
            Map.entry(0x58, "ESME_RTHROTTLED throttling error"),
            Map.entry(0x61, "ESME_RINVSCHED invalid scheduled delivery time"),
            Map.entry(0x62, "ESME_RINVEXPIRY invalid validity period"),
            Map.entry(0x64, "ESME_RX_T_APPN temporary application error"),
            Map.entry(0x65, "ESME_RX_P_APPN permanent application error"),
            Map.entry(0x66, "ESME_RX_R_APPN application rejected the message"),
            Map.entry(0xFE, "ESME_RDELIVERYFAILURE delivery failure"),
            Map.entry(0xFF, "ESME_RUNKNOWNERR unknown error"));

    private CommandStatus() {
    }

    public static String describe(int status) {
        return String.format("0x%08X %s", status, NAMES.getOrDefault(status, "vendor-specific error"));
    }

    /** The SMSC is overloaded: slow down, resend later, keep order. */
    public static boolean isThrottling(int status) {
        return status == ESME_RTHROTTLED || status == ESME_RMSGQFUL;
    }

    /** Worth another try later on this or another bind; anything else fails the message for good. */
    public static boolean isTransient(int status) {
        return isThrottling(status) || status == 0x08 || status == 0x04 || status == 0x64 || status == 0xFF;
    }

    /** A bind refused this way means the SMSC still holds our previous bind or rejects us: back off long. */
    public static boolean isBindRefusal(int status) {
        return status == ESME_RALYBND || status == ESME_RBINDFAIL || status == 0x0E || status == 0x0F;
    }
}
