package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The sliding window of an account's external recipients. */
class ExternalRecipientsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-08T08:00:00Z"));
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };

    @Test
    void theOneBeyondTheLimitWithinTheWindowIsRefusedAndOldOnesLeave() {
        ExternalRecipients counted = new ExternalRecipients(new OutboundLimit(3, Duration.ofMinutes(10)), clock);
        assertTrue(counted.add("a@x"));
        now.set(now.get().plusSeconds(60));
        assertTrue(counted.add("A@X"));
        assertTrue(counted.add("a@x"));
        assertTrue(counted.add("b@x"), "each account has its own count");
        assertFalse(counted.add("a@x"), "a fourth within ten minutes");
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertTrue(counted.add("a@x"), "the first ones have left the window");
        counted.forget("a@x");
        assertTrue(counted.add("a@x") && counted.add("a@x"));
    }
}
