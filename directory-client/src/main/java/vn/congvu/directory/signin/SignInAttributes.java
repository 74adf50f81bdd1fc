package vn.congvu.directory.signin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.ldaptive.transcode.GeneralizedTimeValueTranscoder;
import vn.congvu.directory.client.OfficialAttributes;

/**
 * The attributes of an official's entry the sign-in policy reads and writes ({@code congvuAccount} in
 * {@code config/ldap/congvu-schema.ldif}), and their time format.
 */
public final class SignInAttributes {

    public static final String FAILED_SIGN_INS = "congvuFailedSignIns";
    public static final String LOCKED_UNTIL = "congvuLockedUntil";
    public static final String PASSWORD_HISTORY = "congvuPasswordHistory";
    public static final String PASSWORD_CHANGED_AT = "congvuPasswordChangedAt";
    public static final String TOTP_SECRET = "congvuTotpSecret";
    public static final String TOTP_PENDING_SECRET = "congvuTotpPendingSecret";
    public static final String TOTP_LAST_STEP = "congvuTotpLastStep";
    public static final String SECOND_FACTOR_FAILURES = "congvuSecondFactorFailures";
    public static final String RECOVERY_CODE = "congvuRecoveryCode";
    public static final String RESET_CODE = "congvuResetCode";
    public static final String RESET_CODES_ISSUED = "congvuResetCodesIssued";

    /**
     * What no one but the service account may read, not even the official: hashes that can be attacked offline and
     * the keys that make codes. The directories' access rules list the same ones.
     */
    public static final String[] SECRET = {PASSWORD_HISTORY, TOTP_SECRET, TOTP_PENDING_SECRET, RECOVERY_CODE,
            RESET_CODE};

    /**
     * What a caller must request in the search that finds the account, so that {@link SignInState#of} can decide
     * without a second search.
     */
    public static final String[] DECIDE = {"uid", "cn", OfficialAttributes.STATUS, OfficialAttributes.MUST_CHANGE,
            FAILED_SIGN_INS, LOCKED_UNTIL, PASSWORD_CHANGED_AT};

    private static final GeneralizedTimeValueTranscoder TIME = new GeneralizedTimeValueTranscoder();

    private SignInAttributes() {
    }

    /** A GeneralizedTime value in UTC, whole seconds. */
    static String time(Instant instant) {
        return TIME.encodeStringValue(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).withNano(0));
    }

    /** Any GeneralizedTime form other tools may have written; null stays null. */
    static Instant instant(String generalizedTime) {
        return generalizedTime == null ? null : TIME.decodeStringValue(generalizedTime.strip()).toInstant();
    }
}
