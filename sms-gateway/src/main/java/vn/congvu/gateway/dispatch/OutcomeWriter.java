package vn.congvu.gateway.dispatch;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.gateway.outbox.GroupCommitThread;

/**
 * One thread writing dispatcher outcomes to the outbox in arrival order, as many as are waiting per
 * transaction. Submit threads go on with the next message at once instead of waiting for a commit each;
 * the message stays SENDING until its outcome is written, so nothing claims it again meanwhile.
 */
public final class OutcomeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final int MAX_BATCH = 2000;
    /** Every transaction is a write of the database file: a small batch waits this long for more outcomes. */
    private static final int LINGER_BELOW = 100;
    private static final long LINGER_MILLIS = 3;

    private final OutcomeStore store;
    private final GroupCommitThread<Outcome> thread;

    public OutcomeWriter(OutcomeStore store) {
        this.store = store;
        this.thread = new GroupCommitThread<>("outbox-writer", MAX_BATCH, LINGER_BELOW, LINGER_MILLIS, this::writeWithRetry);
    }

    public void write(Outcome outcome) {
        thread.add(outcome);
    }

    public int backlog() {
        return thread.backlog();
    }

    private void writeWithRetry(List<Outcome> batch) {
        for (long delay = 100; ; delay = Math.min(5000, delay * 2)) {
            try {
                store.record(batch);
                return;
            } catch (RuntimeException e) {
                // the database is away: keep the outcomes (the SMSC has acknowledged them) and try again
                log.error("outbox write of {} outcome(s) failed, retrying in {} ms: {}", batch.size(), delay, e.toString());
                if (!thread.running() && delay >= 5000) {
                    log.error("giving up at shutdown: {} message(s) stay SENDING and go out again on the next start", batch.size());
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        thread.close();
    }
}
