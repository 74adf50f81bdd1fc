package vn.congvu.directory.signin;

/** What the sign-in policy says of one sign-in attempt, for every protocol alike. */
public enum SignInDecision {
    /** The password is right and nothing stands in the way. */
    ALLOWED,
    /** Unknown account or wrong password: the caller answers both the same way. */
    WRONG_PASSWORD,
    /** Too many failed sign-ins in a row: refused whatever the password, until the lock ends or is lifted. */
    LOCKED,
    /** The account is disabled (the password was right). */
    DISABLED,
    /** The password was right but is the initial one (or reset): it must be changed on the console first. */
    MUST_CHANGE,
    /** The password was right but older than {@code password.max-age-days}: it must be changed first. */
    PASSWORD_EXPIRED;

    /** Whether the official may read and send mail. */
    public boolean allowed() {
        return this == ALLOWED;
    }

    /** Whether the password was checked and right (the attempt does not count as a failure). */
    public boolean passwordAccepted() {
        return this == ALLOWED || this == DISABLED || this == MUST_CHANGE || this == PASSWORD_EXPIRED;
    }
}
