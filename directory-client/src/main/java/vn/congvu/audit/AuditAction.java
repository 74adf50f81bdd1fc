package vn.congvu.audit;

import java.util.Arrays;
import java.util.Optional;

/** What an audit record says happened; {@link #wire()} is the name in the log and in the API's {@code action}. */
public enum AuditAction {
    SIGN_IN_FAILED("sign-in-failed"),
    ACCOUNT_LOCKED("account-locked"),
    ACCOUNT_UNLOCKED("account-unlocked"),
    PASSWORD_CHANGED("password-changed"),
    PASSWORD_CHANGE_REFUSED("password-change-refused"),
    PASSWORD_RESET("password-reset"),
    ACCOUNT_DISABLED("account-disabled"),
    ACCOUNT_ENABLED("account-enabled"),
    ROLE_CHANGED("role-changed"),
    SECOND_FACTOR_ENABLED("second-factor-enabled"),
    SECOND_FACTOR_FAILED("second-factor-failed"),
    RECOVERY_CODE_USED("recovery-code-used"),
    RESET_CODE_ISSUED("reset-code-issued"),
    RESET_CODE_REFUSED("reset-code-refused"),
    RESET_CODE_WRONG("reset-code-wrong"),
    PASSWORD_RESET_BY_CODE("password-reset-by-code"),
    IMPORT_APPLIED("import-applied"),
    OUTBOUND_BLOCKED("outbound-blocked"),
    OUTBOUND_UNBLOCKED("outbound-unblocked"),
    NOTICE_SENT("notice-sent"),
    NOTICE_REFUSED("notice-refused"),
    DIRECTIVE_ALERTED("directive-alerted"),
    SYSTEM_MESSAGE_SENT("system-message-sent");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<AuditAction> ofWire(String name) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(name)).findFirst();
    }
}
