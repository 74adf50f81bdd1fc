package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AccountPolicyTest {

    @Test
    void theShippedFileHoldsTheDefaults() {
        AccountPolicy p = AccountPolicy.load();
        assertEquals(12, p.lockoutAttempts());
        assertEquals(Duration.ofMinutes(15), p.lockoutDuration());
        assertEquals(10, p.minLength());
        assertEquals(3, p.classes());
        assertEquals(5, p.history());
        assertEquals(Duration.ZERO, p.maxAge());
        assertFalse(p.passwordsExpire());
        assertEquals(Duration.ofMinutes(10), p.resetCodeValidity());
        assertEquals(5, p.resetCodeTries());
        assertEquals(3, p.resetCodesPerHour());
        assertEquals("http://127.0.0.1:8080", p.consoleUrl());
    }

    private static Properties shipped() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader("""
                lockout.attempts=12
                lockout.minutes=15
                password.min-length=10
                password.classes=3
                password.history=5
                password.max-age-days=90
                reset-code.minutes=10
                reset-code.tries=4
                reset-code.per-hour=2
                console.url=https://thu.example.gov.vn/
                """));
        return p;
    }

    private static String failure(Properties p) {
        return assertThrows(IllegalStateException.class, () -> AccountPolicy.from(p, "policy.properties"))
                .getMessage();
    }

    @Test
    void valuesAreReadAndTheConsoleAddressLosesItsTrailingSlash() throws Exception {
        AccountPolicy p = AccountPolicy.from(shipped(), "test");
        assertEquals(Duration.ofDays(90), p.maxAge());
        assertTrue(p.passwordsExpire());
        assertEquals("https://thu.example.gov.vn", p.consoleUrl());
        assertEquals(4, p.resetCodeTries());
        assertEquals(2, p.resetCodesPerHour());
    }

    @Test
    void aMissingKeyIsNamedAndHasNoDefaultInCode() throws Exception {
        Properties p = shipped();
        p.remove("lockout.attempts");
        String message = failure(p);
        assertTrue(message.contains("lockout.attempts is missing"), message);
    }

    @Test
    void badValuesAreNamedWithTheKey() throws Exception {
        Properties p = shipped();
        p.setProperty("password.classes", "5");
        assertTrue(failure(p).contains("password.classes=5 is out of range (1 to 4)"), failure(p));
        p = shipped();
        p.setProperty("lockout.minutes", "mười lăm");
        assertTrue(failure(p).contains("lockout.minutes=mười lăm is not a whole number"), failure(p));
        p = shipped();
        p.setProperty("console.url", "thu.example.gov.vn");
        assertTrue(failure(p).contains("console.url=thu.example.gov.vn is not an http(s) address"), failure(p));
        p = shipped();
        p.setProperty("lockout.atempts", "3");
        assertTrue(failure(p).contains("unknown key(s) [lockout.atempts]"), failure(p));
    }
}
