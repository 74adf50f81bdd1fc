package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IssueTimesTest {

    private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void aRollingHourKeepsOnlyTheTimesWithinIt() {
        IssueTimes times = IssueTimes.parse(null).plus(T).plus(T.plus(Duration.ofMinutes(30)));
        assertEquals("20261207080000.000Z 20261207083000.000Z", times.value());
        assertEquals(times, IssueTimes.parse(times.value()));
        assertEquals(2, times.lastHour(T.plus(Duration.ofMinutes(59))).count());
        assertEquals(1, times.lastHour(T.plus(Duration.ofMinutes(60))).count(), "an hour old is out");
        assertEquals(0, times.lastHour(T.plus(Duration.ofMinutes(90))).count());
    }
}
