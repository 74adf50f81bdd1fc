package vn.congvu.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import vn.congvu.gateway.recipients.SenderAuthenticator;

class LoginCacheTest {

    @Test
    void successfulLoginsAreRememberedFailuresAreNot() {
        AtomicInteger directoryCalls = new AtomicInteger();
        SenderAuthenticator directory = (login, password, source) -> {
            directoryCalls.incrementAndGet();
            return "right".equals(password) ? new SenderAuthenticator.Result(SenderAuthenticator.Outcome.OK, "an")
                    : new SenderAuthenticator.Result(SenderAuthenticator.Outcome.BAD_CREDENTIALS, null);
        };
        SenderAuthenticationProvider provider = new SenderAuthenticationProvider(directory, Duration.ZERO, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            assertEquals("an", provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("an", "right")).getName());
        }
        assertEquals(1, directoryCalls.get(), "one LDAP round trip for five requests");
        for (int i = 0; i < 3; i++) {
            assertThrows(BadCredentialsException.class,
                    () -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("an", "wrong")));
        }
        assertEquals(4, directoryCalls.get(), "a wrong password is checked every time");
    }

    @Test
    void entriesExpireAndZeroDisables() throws Exception {
        AtomicLong now = new AtomicLong();
        LoginCache cache = new LoginCache(Duration.ofSeconds(30), now::get);
        SenderAuthenticator.Result ok = new SenderAuthenticator.Result(SenderAuthenticator.Outcome.OK, "an");
        cache.put("an", "pw", ok);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertEquals(ok, cache.get("an", "pw"));
        assertNull(cache.get("an", "other"));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertNull(cache.get("an", "pw"));
        LoginCache off = new LoginCache(Duration.ZERO);
        off.put("an", "pw", ok);
        assertNull(off.get("an", "pw"));
    }
}
