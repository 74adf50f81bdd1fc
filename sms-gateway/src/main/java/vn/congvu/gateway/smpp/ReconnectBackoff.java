package vn.congvu.gateway.smpp;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Delays between bind attempts: exponential, capped, with jitter so that several binds (or several
 * gateways) that lost the SMSC together do not come back together. A refused bind starts from a longer
 * delay: an SMSC that still holds our stale bind answers ESME_RALYBND until it lets it go.
 */
final class ReconnectBackoff {

    private final long minMillis;
    private final long maxMillis;
    private final long refusedMinMillis;
    private final DoubleSupplier random;
    private int failures;

    ReconnectBackoff(Duration min, Duration max, Duration refusedMin, DoubleSupplier random) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.refusedMinMillis = Math.max(minMillis, refusedMin.toMillis());
        this.random = random;
    }

    synchronized Duration afterFailure() {
        return next(minMillis);
    }

    synchronized Duration afterRefusal() {
        return next(refusedMinMillis);
    }

    synchronized void reset() {
        failures = 0;
    }

    private Duration next(long base) {
        long ceiling = Math.min(maxMillis, base << Math.min(failures, 20));
        failures++;
        // "equal jitter": at least half the ceiling, so the delay still grows
        long delay = ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
        return Duration.ofMillis(Math.max(1, delay));
    }
}
