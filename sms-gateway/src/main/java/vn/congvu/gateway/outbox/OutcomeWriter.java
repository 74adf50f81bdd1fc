package vn.congvu.gateway.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread writing dispatcher outcomes to the outbox in arrival order, as many as are waiting per
 * transaction. Submit threads go on with the next message at once instead of waiting for a commit each;
 * the message stays SENDING until its outcome is written, so nothing claims it again meanwhile.
 */
public final class OutcomeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int MAX_BATCH = 2000;
    private static final int LINGER_BELOW = 100;
    private static final long LINGER_MILLIS = 3;

    private final OutboxStore outbox;
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public OutcomeWriter(OutboxStore outbox) {
        this.outbox = outbox;
        this.thread = new Thread(this::run, "outbox-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void write(Outcome outcome) {
        queue.add(outcome);
    }

    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Outcome> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < LINGER_BELOW) {
                    // every transaction is a write of the database file: let a few more outcomes come first
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS));
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                writeWithRetry(batch);
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
    }

    private void writeWithRetry(List<Outcome> batch) throws InterruptedException {
        for (long delay = 100; ; delay = Math.min(5000, delay * 2)) {
            try {
                outbox.record(batch);
                return;
            } catch (RuntimeException e) {
                // the database is away: keep the outcomes (the SMSC has acknowledged them) and try again
                log.error("outbox write of {} outcome(s) failed, retrying in {} ms: {}", batch.size(), delay, e.toString());
                if (!running && delay >= 5000) {
                    log.error("giving up at shutdown: {} message(s) stay SENDING and go out again on the next start", batch.size());
                    return;
                }
                Thread.sleep(delay);
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
