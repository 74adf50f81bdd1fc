package vn.congvu.directory.signin;

/** The answer to a second-factor code. */
public enum SecondFactorResult {
    /** A TOTP code of the current step or one either side, not used before. */
    CODE,
    /** One of the recovery codes; it is now used up. */
    RECOVERY_CODE,
    /** A wrong or already used code, no second factor set up, or a locked account: counted as a failed sign-in. */
    REFUSED;

    public boolean accepted() {
        return this != REFUSED;
    }
}
