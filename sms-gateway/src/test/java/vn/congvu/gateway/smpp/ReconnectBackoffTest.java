package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The delays between bind attempts, with the jitter pinned to its two ends. */
class ReconnectBackoffTest {
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(2);
    private static final Duration REFUSED_MIN = Duration.ofMillis(300);

    @Test
    void refusedBindsWaitLongerEachTimeUpToTheCap() {
        ReconnectBackoff least = new ReconnectBackoff(MIN, MAX, REFUSED_MIN, () -> 0.0);
        assertEquals(List.of(150L, 300L, 600L, 1000L, 1000L, 1000L), delays(least::afterRefusal, 6),
            "half of a doubling ceiling, capped at half the maximum");
        ReconnectBackoff most = new ReconnectBackoff(MIN, MAX, REFUSED_MIN, () -> 1.0);
        assertEquals(List.of(300L, 600L, 1200L, 2000L, 2000L), delays(most::afterRefusal, 5));
    }

    @Test
    void failuresStartFromTheShorterDelayAndASuccessStartsAgain() {
        ReconnectBackoff backoff = new ReconnectBackoff(MIN, MAX, REFUSED_MIN, () -> 0.0);
        assertEquals(List.of(50L, 100L, 200L), delays(backoff::afterFailure, 3));
        backoff.reset();
        assertEquals(List.of(50L), delays(backoff::afterFailure, 1));
    }

    private interface Next {
        Duration get();
    }

    private static List<Long> delays(Next next, int count) {
        return Stream.generate(() -> next.get().toMillis()).limit(count).toList();
    }
}
