package vn.congvu.directory.otp;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA-1: what every authenticator app computes. CongVu's codes are
 * 6 digits over 30-second steps ({@link #DIGITS}, {@link #STEP_SECONDS}); a code is accepted for the step before and
 * after the current one too, to allow for clocks that are a little off and for typing time.
 */
public final class OneTimePassword {

    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps accepted either side of the current one. */
    public static final int WINDOW = 1;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private OneTimePassword() {
    }

    /** The HOTP value of {@code counter} with {@code digits} digits (6 to 8), zero-padded. */
    public static String hotp(byte[] key, long counter, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("HOTP codes have 6 to 8 digits");
        }
        byte[] hash = hmacSha1(key, counter);
        int offset = hash[hash.length - 1] & 0x0f; // dynamic truncation, RFC 4226 5.3
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The 30-second step of an instant (RFC 6238's T with T0 = 0). */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The TOTP code of an instant with {@code digits} digits. */
    public static String totp(byte[] key, Instant at, int digits) {
        return hotp(key, step(at), digits);
    }

    /** The 6-digit code of a step. */
    public static String code(byte[] key, long step) {
        return hotp(key, step, DIGITS);
    }

    /**
     * The step, among the current one and {@link #WINDOW} either side, whose code {@code code} is; empty when none.
     * Every candidate is compared, in constant time, so the answer's timing says nothing of which matched.
     */
    public static OptionalLong matchingStep(byte[] key, String code, Instant now) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (MessageDigest.isEqual(code(key, s).getBytes(), code.getBytes()) && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    private static byte[] hmacSha1(byte[] key, long counter) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] message = new byte[8];
            for (int i = 7; i >= 0; i--) {
                message[i] = (byte) counter;
                counter >>>= 8;
            }
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
