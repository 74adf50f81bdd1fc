package vn.congvu.mail.submission;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recipients outside the local and peer domains each account addressed within the sliding window, on this node:
 * the times of their RCPTs, the older ones dropped as they leave the window.
 */
final class ExternalRecipients {
    private final OutboundLimit limit;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Long>> sent = new ConcurrentHashMap<>();

    ExternalRecipients(OutboundLimit limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts one more recipient for {@code account}; true while the account stays within its limit. */
    boolean add(String account) {
        long now = clock.millis();
        long from = now - limit.window().toMillis();
        Deque<Long> times = sent.computeIfAbsent(account.toLowerCase(Locale.ROOT), any -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= from) {
                times.pollFirst();
            }
            times.addLast(now);
            return times.size() <= limit.recipients();
        }
    }

    /** Starts the account's count again (its block was lifted). */
    void forget(String account) {
        sent.remove(account.toLowerCase(Locale.ROOT));
    }
}
