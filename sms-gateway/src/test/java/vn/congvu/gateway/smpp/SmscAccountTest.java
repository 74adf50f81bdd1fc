package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials a telco could never accept are refused at start-up, naming the account and the field. */
class SmscAccountTest {

    private static SmscAccount account(String systemId, String password, String systemType) {
        Duration s = Duration.ofSeconds(1);
        return new SmscAccount("viettel", "127.0.0.1", 2775, systemId, password, systemType,
                SmscAccount.BindMode.TRANSCEIVER, 10, 100, s, s, s, s, s, s, s, s, List.of(), true);
    }

    @Test
    void longestCredentialsSmpp34AllowAreAccepted() {
        assertDoesNotThrow(() -> account("a23456789012345", "p2345678", "t23456789012"));
    }

    @Test
    void passwordOverEightCharactersIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> account("congvu", "secret-password", ""));
        assertTrue(e.getMessage().contains("viettel") && e.getMessage().contains("password must be at most 8"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-password"), "the password never reaches a log: " + e.getMessage());
    }

    @Test
    void systemIdOverFifteenOrNonAsciiIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> account("a234567890123456", "pw", ""))
                .getMessage().contains("system-id must be at most 15"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> account("côngvụ", "pw", ""))
                .getMessage().contains("printable ASCII"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> account("congvu", "pw", "t234567890123"))
                .getMessage().contains("system-type must be at most 12"));
    }
}
