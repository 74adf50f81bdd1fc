package vn.congvu.mail.login;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after a failed login for an account, the next failures for that account
 * are answered later and later (0.5 s, 1 s, 2 s, then 4 s at most), on IMAP and SMTP alike. A
 * success, or a quiet quarter of an hour, clears the account's record. The delay is only added to
 * failures, so the rightful owner never waits for a correct password, and it is bounded so a
 * guesser holds a protocol worker for a few seconds at most.
 */
public final class FailedLoginDelay {
    private static final Duration FIRST = Duration.ofMillis(500);
    private static final Duration LONGEST = Duration.ofSeconds(4);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, long lastMillis) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public FailedLoginDelay() {
        this(Clock.systemUTC());
    }

    FailedLoginDelay(Clock clock) {
        this.clock = clock;
    }

    /** Records a failure and returns how long to hold the answer to it. */
    public Duration failed(String login) {
        long now = clock.millis();
        if (failures.size() > MAX_TRACKED) {
            failures.clear(); // bounded memory under a wide spraying attack
        }
        Failures updated = failures.compute(key(login), (key, previous) ->
            previous == null || now - previous.lastMillis() > FORGET_AFTER.toMillis()
                ? new Failures(1, now)
                : new Failures(previous.count() + 1, now));
        if (updated.count() < 2) {
            return Duration.ZERO;
        }
        long millis = FIRST.toMillis() << Math.min(updated.count() - 2, 10);
        return Duration.ofMillis(Math.min(millis, LONGEST.toMillis()));
    }

    public void succeeded(String login) {
        failures.remove(key(login));
    }

    /** Holds the current (protocol worker) thread for the delay of a failed attempt. */
    public void hold(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key(String login) {
        return login == null ? "" : login.trim().toLowerCase(Locale.ROOT);
    }
}
