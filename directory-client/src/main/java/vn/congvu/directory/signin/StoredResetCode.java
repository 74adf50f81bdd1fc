package vn.congvu.directory.signin;

import java.time.Instant;

/**
 * The value of {@code congvuResetCode}: {@code <expiry> <tries left> <{SSHA} hash of the code>}. One value holds
 * all three so that a wrong try is one compare-and-set of the whole value ({@link EntryWrites#swap}).
 */
record StoredResetCode(Instant expires, int triesLeft, String hash) {

    static StoredResetCode parse(String value) {
        String[] parts = value.strip().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a reset code value is <expiry> <tries> <hash>");
        }
        return new StoredResetCode(SignInAttributes.instant(parts[0]), Integer.parseInt(parts[1]), parts[2]);
    }

    String value() {
        return SignInAttributes.time(expires) + " " + triesLeft + " " + hash;
    }

    /** After one more wrong try; null when that was the last one. */
    String afterWrongTry() {
        return triesLeft <= 1 ? null : new StoredResetCode(expires, triesLeft - 1, hash).value();
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}
