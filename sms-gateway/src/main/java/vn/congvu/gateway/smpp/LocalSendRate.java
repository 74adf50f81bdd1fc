package vn.congvu.gateway.smpp;

import java.util.concurrent.TimeUnit;

/** Spaces submits evenly at {@code tps} per second in this JVM; 0 means no limit. */
final class LocalSendRate implements SendRate {

    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    LocalSendRate(int tps) {
        this.intervalNanos = tps <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / tps;
    }

    @Override
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // no saving up of unused seconds: that would allow a burst over the limit
            long slot = Math.max(nextFree, now);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
