package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.password.SaltedSha;

class StoredResetCodeTest {

    private static final Instant EXPIRES = Instant.parse("2026-12-07T08:10:00Z");

    @Test
    void oneValueHoldsExpiryTriesAndHashAndCountsDown() {
        StoredResetCode code = new StoredResetCode(EXPIRES, 2, SaltedSha.SSHA.hash("123456"));
        String value = code.value();
        assertTrue(value.startsWith("20261207081000.000Z 2 {SSHA}"), value);
        assertFalse(value.contains("123456"));
        assertEquals(code, StoredResetCode.parse(value));
        String once = code.afterWrongTry();
        assertEquals(1, StoredResetCode.parse(once).triesLeft());
        assertNull(StoredResetCode.parse(once).afterWrongTry(), "the last try voids it");
        assertFalse(code.expiredAt(EXPIRES.minusSeconds(1)));
        assertTrue(code.expiredAt(EXPIRES));
        assertThrows(IllegalArgumentException.class, () -> StoredResetCode.parse("20261207081000Z 2"));
    }
}
