package vn.congvu.mail.storage.append;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.event.EventFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import vn.congvu.mail.storage.MailboxWriters;
import vn.congvu.mail.storage.jdbc.JpaDataSource;
import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.storage.jdbc.NewMessageRows;

/**
 * Appends to one mailbox written together: the messages waiting for a mailbox go into one database transaction,
 * under one turn of James' mailbox lock, with one synchronous log write for all of them. One transaction and one
 * lock turn per message bounded an INBOX receiving from many senders at about 800 messages a second (the lock
 * hand-over and the commit were half of each turn), whatever the cores could do.
 * <p>
 * A message is acknowledged only after its batch has committed, and its UID is given inside that transaction, so
 * the guarantees of a single append hold: 250 means stored, UIDs become visible in ascending order, and the
 * Added events go out in UID order under the lock, as James sends them. Messages of other mailboxes are written by
 * other threads at the same time.
 */
@Singleton
public class GroupCommit {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupCommit.class);
    /** A batch stops growing here; the lock is not held for one long write while others wait. */
    private static final int MAX_MESSAGES = 64;
    private static final long MAX_BYTES = 8L * 1024 * 1024;
    /** Batches one writer thread commits for a mailbox before it lets other mailboxes' writes have the thread. */
    private static final int BATCHES_PER_TURN = 8;

    private final DataSource dataSource;
    private final NewMessageRows rows;
    private final MailboxSessionMapperFactory mappers;
    private final EventBus eventBus;
    private final MailboxWriters mailboxWriters;
    private final Scheduler writers = Schedulers.newBoundedElastic(16, 100_000, "mailbox-append", 60, true);
    private final ConcurrentHashMap<Long, MailboxQueue> queues = new ConcurrentHashMap<>();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder committed = new LongAdder();

    @Inject
    public GroupCommit(EntityManagerFactory entityManagerFactory, NewMessageRows rows, MailboxSessionMapperFactory mappers,
                       EventBus eventBus, MailboxWriters mailboxWriters) {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
        this.rows = rows;
        this.mappers = mappers;
        this.eventBus = eventBus;
        this.mailboxWriters = mailboxWriters;
    }

    /**
     * Stores {@code message} (UID and MODSEQ are given here) in {@code mailbox} under {@code locker}'s write lock of
     * the mailbox, and announces it.
     * <p>
     * A delivery comes from the mailet container, whose thread waits for it anyway: that thread writes the batch
     * itself when no other is writing to the mailbox (no hand-over for a lone message), or waits for the writer to
     * signal it. Other appends (IMAP APPEND) are written by the thread that parsed them when it may block and no
     * other is writing to the mailbox, else by a writer thread and signalled on Reactor's bounded elastic pool.
     * What follows an append never runs on an event loop or on a writer thread.
     */
    Mono<MessageMetaData> append(MailboxPathLocker locker, Mailbox mailbox, MailboxMessage message,
                                 MailboxSession session, boolean isDelivery) {
        return Mono.defer(() -> {
            OptionalLong rowIds;
            try {
                rowIds = rows.reserveIds(message);
            } catch (SQLException e) {
                return Mono.error(new MailboxException("Reserving row ids for a message to " + mailbox.generateAssociatedPath()
                    + " failed", e));
            }
            Pending pending = new Pending(locker, mailbox, message, rowIds, session, isDelivery);
            MailboxQueue queue = queues.computeIfAbsent(rawId(mailbox), MailboxQueue::new);
            queue.waiting.add(pending);
            if (isDelivery && !Schedulers.isInNonBlockingThread()) {
                if (queue.writing.compareAndSet(false, true)) {
                    write(queue, 1);
                }
                return Mono.fromCallable(() -> await(pending));
            }
            if (queue.writing.compareAndSet(false, true)) {
                if (Schedulers.isInNonBlockingThread()) {
                    writers.schedule(() -> write(queue, BATCHES_PER_TURN));
                } else {
                    // An APPEND parsed on a thread that may block: written here, two thread hand-overs fewer.
                    write(queue, 1);
                }
            }
            return pending.done.isDone() ? Mono.fromFuture(pending.done)
                : Mono.fromFuture(pending.done).publishOn(Schedulers.boundedElastic());
        });
    }

    private static MessageMetaData await(Pending pending) throws MailboxException {
        try {
            return pending.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxException("Interrupted while appending to " + pending.mailbox.generateAssociatedPath(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MailboxException cause) {
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new MailboxException("Appending to " + pending.mailbox.generateAssociatedPath() + " failed", e.getCause());
        }
    }

    /** Database transactions that appended messages, and the messages they appended. */
    long transactions() {
        return transactions.sum();
    }

    long messages() {
        return committed.sum();
    }

    /** Mailboxes with a queue: those being written to. */
    int queuedMailboxes() {
        return queues.size();
    }

    /** Appends queued for {@code mailbox} and not yet taken into a batch. */
    int waiting(Mailbox mailbox) {
        MailboxQueue queue = queues.get(rawId(mailbox));
        return queue == null ? 0 : queue.waiting.size();
    }

    @PreDestroy
    void stop() {
        writers.dispose();
    }

    private void write(MailboxQueue queue, int batches) {
        try {
            for (int batch = 0; batch < batches && !queue.waiting.isEmpty(); batch++) {
                commitNext(queue);
            }
        } catch (RuntimeException | Error e) {
            LOGGER.error("Mailbox writer failed", e);
        } finally {
            queue.writing.set(false);
            if (queue.waiting.isEmpty()) {
                // A mailbox nobody is writing to keeps no queue. An append that still took this one is written
                // all the same: it finds the flag down, or is seen just below.
                queues.remove(queue.mailboxId, queue);
            }
            // An append queued after the last look and before the flag went down would wait for ever.
            if (!queue.waiting.isEmpty() && queue.writing.compareAndSet(false, true)) {
                writers.schedule(() -> write(queue, BATCHES_PER_TURN));
            }
        }
    }

    /** The batch is taken once the lock is held: what arrived while waiting for it goes in too. */
    private void commitNext(MailboxQueue queue) {
        Pending head = queue.waiting.peek(); // only the writer takes from the queue: still there below
        List<Pending> batch = new ArrayList<>();
        try {
            // The mailbox's other writers (flags, expunge, MOVE) first, then James' own lock for appends.
            mailboxWriters.write(List.of(head.mailbox.getMailboxId()), () ->
                head.locker.executeWithLock(head.mailbox.generateAssociatedPath(), () -> {
                    batch.addAll(queue.next());
                    store(batch);
                    announce(batch);
                    return null;
                }, MailboxPathLocker.LockType.Write));
        } catch (Throwable e) { // the callers wait for an answer whatever happened
            if (batch.isEmpty()) {
                batch.addAll(queue.next());
            }
            batch.stream().filter(pending -> pending.failure == null).forEach(pending -> pending.failure = e);
        }
        for (Pending pending : batch) {
            if (pending.failure == null) {
                pending.done.complete(pending.message.metaData());
            } else {
                pending.done.completeExceptionally(pending.failure);
            }
        }
    }

    /**
     * One transaction for the batch. If it fails, each message alone, so one bad message fails only itself; so is
     * a message whose row ids could not be reserved.
     */
    private void store(List<Pending> batch) {
        List<Pending> together = batch.stream().filter(pending -> pending.rowIds.isPresent()).toList();
        boolean retry = false;
        if (!together.isEmpty()) {
            try {
                storeTogether(together);
            } catch (MailboxNotFoundException e) {
                together.forEach(pending -> pending.failure = e); // deleted meanwhile: no use trying again
            } catch (SQLException | RuntimeException e) {
                LOGGER.warn("Appending {} messages to {} in one transaction failed; appending them one by one",
                    together.size(), together.get(0).mailbox.generateAssociatedPath(), e);
                retry = true;
            }
        }
        for (Pending pending : batch) {
            if (pending.rowIds.isEmpty() || retry) {
                storeAlone(pending);
            }
        }
    }

    private void storeTogether(List<Pending> batch) throws SQLException, MailboxNotFoundException {
        Mailbox mailbox = batch.get(0).mailbox;
        long mailboxId = rawId(mailbox);
        boolean stored = JpaDataSource.inTransaction(dataSource, connection -> {
            MailboxSequences.Next next = MailboxSequences.take(connection, mailboxId, batch.size());
            if (next == null) {
                return false;
            }
            for (int i = 0; i < batch.size(); i++) {
                MailboxMessage message = batch.get(i).message;
                message.setUid(MessageUid.of(next.uid().asLong() + i));
                message.setModSeq(ModSeq.of(next.modSeq().asLong() + i));
                rows.insert(connection, mailboxId, message, batch.get(i).rowIds.getAsLong());
            }
            return true;
        });
        if (!stored) {
            throw new MailboxNotFoundException(mailbox.getMailboxId());
        }
        transactions.increment();
        committed.add(batch.size());
    }

    /** Through James' mapper, which also knows a database where the row ids cannot be reserved yet. */
    private void storeAlone(Pending pending) {
        try {
            MessageMapper mapper = mappers.getMessageMapper(pending.session);
            mapper.execute(() -> mapper.add(pending.mailbox, pending.message));
            transactions.increment();
            committed.increment();
        } catch (MailboxException | RuntimeException e) {
            pending.failure = e;
        }
    }

    private void announce(List<Pending> batch) {
        for (Pending pending : batch) {
            if (pending.failure != null) {
                continue;
            }
            try {
                eventBus.dispatch(EventFactory.added()
                        .randomEventId()
                        .mailboxSession(pending.session)
                        .mailbox(pending.mailbox)
                        .addMetaData(pending.message.metaData())
                        .isDelivery(pending.isDelivery)
                        .build(),
                    new MailboxIdRegistrationKey(pending.mailbox.getMailboxId()))
                    .block();
            } catch (RuntimeException e) {
                pending.failure = e; // as James: the append fails, although the message is stored
            }
        }
    }

    private static long rawId(Mailbox mailbox) {
        return ((JPAId) mailbox.getMailboxId()).getRawId();
    }

    private static final class Pending {
        private final MailboxPathLocker locker;
        private final Mailbox mailbox;
        private final MailboxMessage message;
        private final OptionalLong rowIds;
        private final MailboxSession session;
        private final boolean isDelivery;
        private final CompletableFuture<MessageMetaData> done = new CompletableFuture<>();
        /** Set by the writer thread only; read by it, before {@code done} is completed. */
        private Throwable failure;

        Pending(MailboxPathLocker locker, Mailbox mailbox, MailboxMessage message, OptionalLong rowIds,
                MailboxSession session, boolean isDelivery) {
            this.locker = locker;
            this.mailbox = mailbox;
            this.message = message;
            this.rowIds = rowIds;
            this.session = session;
            this.isDelivery = isDelivery;
        }
    }

    /** The appends waiting for one mailbox; {@code writing} while a writer thread owns them. */
    private static final class MailboxQueue {
        private final long mailboxId;
        private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean writing = new AtomicBoolean();

        MailboxQueue(long mailboxId) {
            this.mailboxId = mailboxId;
        }

        List<Pending> next() {
            List<Pending> batch = new ArrayList<>();
            long bytes = 0;
            Pending pending;
            while (batch.size() < MAX_MESSAGES && (batch.isEmpty() || bytes < MAX_BYTES)
                    && (pending = waiting.poll()) != null) {
                batch.add(pending);
                bytes += pending.message.getFullContentOctets();
            }
            return batch;
        }
    }
}
