package vn.congvu.mail.queue;

import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the queue holds in memory for one stored mail: its file id, mail name and when it is due. Due mails
 * leave in the order they became due, then in the order they were offered.
 */
final class QueuedMail implements Delayed {
    private static final AtomicLong ORDER = new AtomicLong();

    final String id;
    final String name;
    final long dueMillis;
    /** Failed processings in a row (rejections), for the backoff; not kept across restarts. */
    final int failures;
    private final long order = ORDER.incrementAndGet();

    QueuedMail(String id, String name, long dueMillis, int failures) {
        this.id = id;
        this.name = name;
        this.dueMillis = dueMillis;
        this.failures = failures;
    }

    QueuedMail dueAt(long millis, int failuresSoFar) {
        return new QueuedMail(id, name, millis, failuresSoFar);
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(dueMillis - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        QueuedMail that = (QueuedMail) other;
        int byDue = Long.compare(dueMillis, that.dueMillis);
        return byDue != 0 ? byDue : Long.compare(order, that.order);
    }
}
