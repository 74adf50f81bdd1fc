package vn.congvu.gateway.smpp;

import java.time.Duration;

/**
 * Holds back every submit of one account after the SMSC said ESME_RTHROTTLED or ESME_RMSGQFUL; the pause
 * doubles while the SMSC keeps saying it and resets after an accepted submit.
 */
final class ThrottleGate {

    private final long minMillis;
    private final long maxMillis;
    private long pauseMillis;
    private long closedUntil;

    ThrottleGate(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.pauseMillis = minMillis;
    }

    synchronized Duration throttled() {
        long pause = pauseMillis;
        closedUntil = Math.max(closedUntil, System.currentTimeMillis() + pause);
        pauseMillis = Math.min(maxMillis, pauseMillis * 2);
        return Duration.ofMillis(pause);
    }

    synchronized void accepted() {
        pauseMillis = minMillis;
    }

    void awaitOpen() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                wait = closedUntil - System.currentTimeMillis();
            }
            if (wait <= 0) {
                return;
            }
            Thread.sleep(wait);
        }
    }

    synchronized boolean isClosed() {
        return closedUntil > System.currentTimeMillis();
    }
}
