package vn.congvu.directory.signin;

import java.time.Instant;
import org.ldaptive.LdapEntry;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.AccountStatus;

/**
 * What the policy needs to know of an account, read from its entry as found with {@link SignInAttributes#DECIDE}.
 *
 * @param lockedUntil       end of the current or last lock; null when never locked
 * @param passwordChangedAt null when the official never changed the password (imported accounts)
 */
public record SignInState(String dn, String uid, String fullName, AccountStatus status, boolean mustChange,
        int failedSignIns, Instant lockedUntil, Instant passwordChangedAt) {

    public static SignInState of(LdapEntry e) {
        String failures = e.getAttributeStringValue(SignInAttributes.FAILED_SIGN_INS);
        return new SignInState(e.getDn(), e.getAttributeStringValue("uid"), e.getAttributeStringValue("cn"),
                AccountStatus.fromLdap(e.getAttributeStringValue(OfficialAttributes.STATUS)),
                "TRUE".equalsIgnoreCase(e.getAttributeStringValue(OfficialAttributes.MUST_CHANGE)),
                failures == null ? 0 : Integer.parseInt(failures.strip()),
                SignInAttributes.instant(e.getAttributeStringValue(SignInAttributes.LOCKED_UNTIL)),
                SignInAttributes.instant(e.getAttributeStringValue(SignInAttributes.PASSWORD_CHANGED_AT)));
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * The decision for an attempt whose password was checked ({@code passwordOk}) or not (false; a locked account
     * need not be checked). A lock comes first, so a locked account tells nothing about its password.
     */
    public SignInDecision decide(boolean passwordOk, AccountPolicy policy, Instant now) {
        if (lockedAt(now)) {
            return SignInDecision.LOCKED;
        }
        if (!passwordOk) {
            return SignInDecision.WRONG_PASSWORD;
        }
        if (status == AccountStatus.DISABLED) {
            return SignInDecision.DISABLED;
        }
        if (mustChange) {
            return SignInDecision.MUST_CHANGE;
        }
        if (policy.passwordsExpire() && passwordChangedAt != null
                && !now.isBefore(passwordChangedAt.plus(policy.maxAge()))) {
            return SignInDecision.PASSWORD_EXPIRED;
        }
        return SignInDecision.ALLOWED;
    }
}
