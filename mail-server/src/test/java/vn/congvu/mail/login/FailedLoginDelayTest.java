package vn.congvu.mail.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class FailedLoginDelayTest {
    private final MutableClock clock = new MutableClock();
    private final FailedLoginDelay delay = new FailedLoginDelay(clock);

    @Test
    void growsWithRepeatedFailuresUpToFourSeconds() {
        assertEquals(Duration.ZERO, delay.failed("an@example.gov.vn"), "one typo costs nothing");
        assertEquals(Duration.ofMillis(500), delay.failed("AN@example.gov.vn"), "same account, any case");
        assertEquals(Duration.ofSeconds(1), delay.failed("an@example.gov.vn"));
        assertEquals(Duration.ofSeconds(2), delay.failed("an@example.gov.vn"));
        assertEquals(Duration.ofSeconds(4), delay.failed("an@example.gov.vn"));
        assertEquals(Duration.ofSeconds(4), delay.failed("an@example.gov.vn"));
        assertEquals(Duration.ZERO, delay.failed("binh@example.gov.vn"), "other accounts are not affected");
    }

    @Test
    void successAndQuietTimeForget() {
        delay.failed("an@example.gov.vn");
        delay.failed("an@example.gov.vn");
        delay.succeeded("an@example.gov.vn");
        assertEquals(Duration.ZERO, delay.failed("an@example.gov.vn"));
        assertEquals(Duration.ofMillis(500), delay.failed("an@example.gov.vn"));
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Duration.ZERO, delay.failed("an@example.gov.vn"));
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
