package vn.congvu.acceptance;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition of the running system until it holds or the time is up (then fails with what was seen). */
final class Eventually {

    private Eventually() {
    }

    static void holds(Duration timeout, Callable<Boolean> condition, Callable<String> whatWasSeen) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(condition.call())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + describe(whatWasSeen));
            }
            Thread.sleep(200);
        }
    }

    private static String describe(Callable<String> whatWasSeen) {
        try {
            return whatWasSeen.call();
        } catch (Exception e) {
            return "(could not tell: " + e + ")";
        }
    }
}
