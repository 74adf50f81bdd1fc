package vn.congvu.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's clock in tests: the real time it started at, moved forward only by {@link #advance}, so a test can
 * reach the next TOTP step without waiting for it. Shared by every test of the run; it never goes back.
 */
public final class SteppingClock extends Clock {

    private static final SteppingClock SHARED = new SteppingClock(Instant.now());

    private final AtomicReference<Instant> now;

    private SteppingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public static SteppingClock shared() {
        return SHARED;
    }

    public void advance(Duration by) {
        now.accumulateAndGet(null, (t, ignored) -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the console's clock is UTC");
    }
}
