package vn.congvu.gateway.smpp;

import vn.congvu.gateway.cluster.ClusterView;

/**
 * One account's TPS limit shared by the live gateways: each spaces its submits at tps / members, so together
 * they never exceed it; when a member leaves, the others take its share at once.
 */
public final class SharedSendRate implements SendRate {

    private final int tps;
    private final ClusterView cluster;
    private long nextFree = System.nanoTime();

    public SharedSendRate(int tps, ClusterView cluster) {
        this.tps = tps;
        this.cluster = cluster;
    }

    long intervalNanos() {
        return 1_000_000_000L * cluster.size() / tps;
    }

    @Override
    public void acquire() throws InterruptedException {
        if (tps <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(nextFree, now);
            nextFree = slot + intervalNanos();
            wait = slot - now;
        }
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
