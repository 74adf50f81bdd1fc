package vn.congvu.mail.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One writer at a time per mailbox, for every kind of write: appends, flag changes, expunges, moves and the
 * reset of \Recent. James 3.8.1 locks a mailbox only for appends and for the target of COPY and MOVE, so a STORE,
 * an EXPUNGE and a delivery on one INBOX ran as concurrent transactions: on Derby they deadlocked (and waited for
 * Derby's deadlock timeout), on PostgreSQL OpenJPA's flag updates failed. Serialised, they also reach the
 * mailbox's listeners in commit order, which the IMAP sessions' views rely on.
 * <p>
 * A write to two mailboxes (MOVE) takes both locks in the order of their ids, so two opposite MOVEs cannot
 * deadlock. Locks are fair: a long run of appends does not starve an EXPUNGE. A transaction chosen as a deadlock
 * victim by the database (a write across mailboxes can still meet another in a table) is run again.
 * <p>
 * An IMAP command that writes once per range of its set ({@code UID EXPUNGE 4,7:9,12}, STORE, COPY, MOVE) holds the
 * locks for the whole command ({@link #commandTurn}): taken per range, each range waited for every other writer
 * in the queue again, and a command of ten ranges waited ten turns.
 */
@Singleton
public class MailboxWriters {
    private static final int RETRIES = 3;
    /** SQL states of a transaction the database rolled back to break a deadlock or a lock wait. */
    private static final Set<String> VICTIM_STATES = Set.of("40001", "40P01", "40XL1", "40XL2");

    /** The mailboxes whose locks a session's current command holds. */
    private static final String HELD = MailboxWriters.class.getName() + ".held";

    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxWriters.class);
    /** A turn held longer than this is logged: every other writer of the mailbox waited behind it. */
    private static final long SLOW_TURN_NANOS = Duration.ofMillis(500).toNanos();

    private final ConcurrentHashMap<String, Semaphore> locks = new ConcurrentHashMap<>();
    /** Waiting for a lock blocks a thread; not Reactor's parallel ones. */
    private final Scheduler waiters = Schedulers.newBoundedElastic(64, 100_000, "mailbox-writers", 60, true);

    /** The locks of one turn and when it began. */
    private record Turn(List<Semaphore> locks, List<MailboxId> mailboxes, long since) {
    }

    /** Runs {@code write} holding the locks of {@code mailboxes}; blocks the calling thread while waiting. */
    public <T> T write(List<MailboxId> mailboxes, Callable<T> write) throws Exception {
        Turn held = acquire(mailboxes);
        try {
            return write.call();
        } finally {
            release(held);
        }
    }

    /** {@code write} subscribed once the locks of {@code mailboxes} are held, released when it ends. */
    public <T> Mono<T> writeReactive(List<MailboxId> mailboxes, Mono<T> write) {
        return retried(Mono.using(() -> acquire(mailboxes), held -> write, this::release).subscribeOn(waiters));
    }

    /** As {@link #writeReactive(List, Mono)}, without taking locks {@code session}'s current command holds. */
    public <T> Mono<T> writeReactive(MailboxSession session, List<MailboxId> mailboxes, Mono<T> write) {
        // Decided when subscribed: the Mono may be made before the command's turn begins.
        return Mono.defer(() -> holds(session, mailboxes) ? retried(write) : writeReactive(mailboxes, write));
    }

    /**
     * {@code command} subscribed once the locks of {@code mailboxes} are held, released when it ends; the writes
     * it makes through {@link #writeReactive(MailboxSession, List, Mono)} with {@code session} take no lock again.
     */
    public <T> Mono<T> commandTurn(MailboxSession session, List<MailboxId> mailboxes, Mono<T> command) {
        return Mono.using(() -> {
            Turn held = acquire(mailboxes);
            synchronized (session) {
                session.getAttributes().put(HELD, Set.copyOf(new HashSet<>(mailboxes)));
            }
            return held;
        }, held -> command, held -> {
            synchronized (session) {
                session.getAttributes().remove(HELD);
            }
            release(held);
        }).subscribeOn(waiters);
    }

    private static boolean holds(MailboxSession session, List<MailboxId> mailboxes) {
        synchronized (session) {
            return session.getAttributes().get(HELD) instanceof Set<?> held && held.containsAll(mailboxes);
        }
    }

    private static <T> Mono<T> retried(Mono<T> write) {
        return write.retryWhen(Retry.backoff(RETRIES, Duration.ofMillis(20)).filter(MailboxWriters::isDeadlockVictim)
            .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private Turn acquire(List<MailboxId> mailboxes) throws InterruptedException {
        List<Semaphore> ordered = mailboxes.stream().map(MailboxId::serialize).distinct().sorted()
            .map(id -> locks.computeIfAbsent(id, key -> new Semaphore(1, true)))
            .toList();
        for (int i = 0; i < ordered.size(); i++) {
            try {
                ordered.get(i).acquire();
            } catch (InterruptedException e) {
                release(ordered.subList(0, i));
                throw e;
            }
        }
        return new Turn(ordered, mailboxes, System.nanoTime());
    }

    private void release(Turn turn) {
        long held = System.nanoTime() - turn.since();
        release(turn.locks());
        if (held > SLOW_TURN_NANOS) {
            LOGGER.info("A write held mailbox {} for {} ms", turn.mailboxes().stream().map(MailboxId::serialize).toList(),
                held / 1_000_000);
        }
    }

    private static void release(List<Semaphore> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).release();
        }
    }

    /** A failure whose cause is the database breaking a deadlock or a lock wait: the write can run again. */
    public static boolean isDeadlockVictim(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && VICTIM_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
