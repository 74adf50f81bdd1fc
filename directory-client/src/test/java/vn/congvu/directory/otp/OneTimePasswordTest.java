package vn.congvu.directory.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OneTimePasswordTest {

    /** The key of both RFCs' test vectors (the SHA-1 ones of RFC 6238). */
    private static final byte[] KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rfc4226AppendixD() {
        List<String> expected = List.of("755224", "287082", "359152", "969429", "338314", "254676", "287922",
                "162583", "399871", "520489");
        for (int counter = 0; counter < expected.size(); counter++) {
            assertEquals(expected.get(counter), OneTimePassword.hotp(KEY, counter, 6), "counter " + counter);
        }
    }

    @Test
    void rfc6238AppendixBSha1() {
        assertEquals("94287082", OneTimePassword.totp(KEY, Instant.ofEpochSecond(59), 8));
        assertEquals("07081804", OneTimePassword.totp(KEY, Instant.ofEpochSecond(1111111109L), 8));
        assertEquals("14050471", OneTimePassword.totp(KEY, Instant.ofEpochSecond(1111111111L), 8));
        assertEquals("89005924", OneTimePassword.totp(KEY, Instant.ofEpochSecond(1234567890L), 8));
        assertEquals("69279037", OneTimePassword.totp(KEY, Instant.ofEpochSecond(2000000000L), 8));
        assertEquals("65353130", OneTimePassword.totp(KEY, Instant.ofEpochSecond(20000000000L), 8));
        assertEquals(0x23523ECL, OneTimePassword.step(Instant.ofEpochSecond(1111111109L)));
    }

    @Test
    void theStepBeforeAndAfterAreAcceptedAndNoOther() {
        Instant now = Instant.ofEpochSecond(1234567890L);
        long current = OneTimePassword.step(now);
        for (long s = current - 1; s <= current + 1; s++) {
            assertEquals(OptionalLong.of(s), OneTimePassword.matchingStep(KEY, OneTimePassword.code(KEY, s), now));
        }
        assertTrue(OneTimePassword.matchingStep(KEY, OneTimePassword.code(KEY, current - 2), now).isEmpty());
        assertTrue(OneTimePassword.matchingStep(KEY, OneTimePassword.code(KEY, current + 2), now).isEmpty());
        assertTrue(OneTimePassword.matchingStep(KEY, "12345", now).isEmpty());
        assertTrue(OneTimePassword.matchingStep(KEY, "12345a", now).isEmpty());
        assertTrue(OneTimePassword.matchingStep(KEY, null, now).isEmpty());
    }
}
