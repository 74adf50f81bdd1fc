package vn.congvu.console.reset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code console.reset-code.per-minute} forgotten-password requests a minute from one client address, on
 * top of the library's limits per account, so the endpoints cannot be used to spam SMS or guess codes in bulk. Kept
 * in memory: one node's view, which is enough against one abusive address.
 */
@Component
class SourceThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_SOURCES = 10_000; // beyond this many addresses, forget the oldest

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    SourceThrottle(@Value("${console.reset-code.per-minute}") int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts a request from {@code address}; false when the address already made its share this minute. */
    boolean allow(String address) {
        Instant now = clock.instant();
        if (recent.size() > MAX_SOURCES) {
            forgetOld(now);
        }
        Deque<Instant> times = recent.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    private void forgetOld(Instant now) {
        for (Iterator<Deque<Instant>> it = recent.values().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next();
            synchronized (times) {
                if (times.isEmpty() || !times.peekLast().isAfter(now.minus(WINDOW))) {
                    it.remove();
                }
            }
        }
    }
}
