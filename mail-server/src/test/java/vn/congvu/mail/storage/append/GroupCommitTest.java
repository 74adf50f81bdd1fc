package vn.congvu.mail.storage.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Flags;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.InVMEventBus;
import org.apache.james.events.MemoryEventDeadLetters;
import org.apache.james.events.RetryBackoffConfiguration;
import org.apache.james.events.delivery.InVmEventDelivery;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.JVMMailboxPathLocker;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.mime4j.MimeException;
import vn.congvu.mail.storage.MailboxWriters;
import vn.congvu.mail.storage.jdbc.EntityIds;
import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.storage.jdbc.MessageFlagRows;
import vn.congvu.mail.storage.jdbc.NewMessageRows;
import vn.congvu.mail.storage.read.IndexedMapperFactory;
import vn.congvu.mail.storage.read.MailboxRows;
import vn.congvu.mail.storage.read.StoredMessages;
import vn.congvu.mail.testing.EmbeddedJpaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link GroupCommit} on James' JPA tables in an embedded Derby, with James' in-VM event bus and JVM mailbox lock:
 * appends waiting for a mailbox are written in one transaction, every message gets its own UID in the order it
 * came, is stored whole, and is announced once, in UID order; one message that cannot be stored fails alone.
 */
class GroupCommitTest {
    private static final DefaultMessageId.Factory MESSAGE_IDS = new DefaultMessageId.Factory();

    @TempDir
    Path directory;

    private EntityManagerFactory factory;
    private GroupCommit groupCommit;
    private MailboxPathLocker locker;
    private final List<Long> announced = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger listenersAtOnce = new AtomicInteger();
    private volatile int mostListenersAtOnce;
    private InVMEventBus eventBus;

    @BeforeEach
    void open() {
        factory = EmbeddedJpaStore.open(directory);
        EntityIds ids = new EntityIds(factory);
        NewMessageRows rows = new NewMessageRows(ids);
        IndexedMapperFactory mappers = new IndexedMapperFactory(factory, new JPAUidProvider(factory),
            new JPAModSeqProvider(factory), new StoredMessages(factory), new MailboxRows(), new MailboxSequences(factory), rows,
            new MessageFlagRows(ids));
        eventBus = new InVMEventBus(new InVmEventDelivery(new RecordingMetricFactory()), RetryBackoffConfiguration.DEFAULT,
            new MemoryEventDeadLetters());
        groupCommit = new GroupCommit(factory, rows, mappers, eventBus, new MailboxWriters());
        locker = new JVMMailboxPathLocker();
    }

    @AfterEach
    void close() {
        groupCommit.stop();
        factory.close();
    }

    @Test
    void concurrentDeliveriesToOneMailboxTakeEveryUidOnceAndAreAnnouncedInOrder() throws Exception {
        Mailbox inbox = inboxListenedTo("tran.van.a");
        int threads = 8;
        int each = 40;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<Future<MessageMetaData>> appends = new ArrayList<>();
        try {
            for (int i = 0; i < threads * each; i++) {
                byte[] content = message("Van ban so " + i);
                appends.add(senders.submit(() -> append(inbox, content, true)));
            }
            List<Long> uids = new ArrayList<>();
            for (Future<MessageMetaData> append : appends) {
                uids.add(append.get(60, TimeUnit.SECONDS).getUid().asLong());
            }
            assertEquals(threads * each, uids.stream().distinct().count(), "no UID given twice");
            assertEquals(List.of(1L, (long) threads * each), List.of(Collections.min(uids), Collections.max(uids)),
                "no UID skipped");
        } finally {
            senders.shutdownNow();
        }

        List<Long> expected = new ArrayList<>();
        for (long uid = 1; uid <= threads * each; uid++) {
            expected.add(uid);
        }
        assertEquals(expected, announced, "each message announced once, in UID order");
        assertEquals(1, mostListenersAtOnce, "announced one at a time");
        assertEquals(threads * each, groupCommit.messages());
        assertTrue(groupCommit.transactions() <= groupCommit.messages());
        awaitNoQueue();

        List<MailboxMessage> stored = new StoredMessages(factory).read(inbox, MessageRange.all(), FetchType.FULL, -1, () -> null);
        assertEquals(threads * each, stored.size());
        for (MailboxMessage message : stored) {
            String body = new String(message.getBodyContent().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(body.startsWith("Noi dung cua van ban"), body);
            assertEquals("plain", message.getSubType());
        }
    }

    @Test
    void appendsThatWaitedForTheMailboxAreWrittenInOneTransaction() throws Exception {
        Mailbox inbox = inboxListenedTo("le.thi.b");
        ExecutorService senders = Executors.newFixedThreadPool(10);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdLock(senders, inbox, release); // while nine deliveries arrive
        try {
            List<Future<MessageMetaData>> appends = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                byte[] content = message("Cong van " + i);
                appends.add(senders.submit(() -> append(inbox, content, true)));
                awaitWaiting(inbox, i + 1); // in this order; the first waits for the lock, holding none of them
            }
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < appends.size(); i++) {
                assertEquals(i + 1, appends.get(i).get(30, TimeUnit.SECONDS).getUid().asLong(), "UIDs in arrival order");
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(1, groupCommit.transactions(), "nine messages, one transaction");
        assertEquals(9, groupCommit.messages());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), announced);
    }

    @Test
    void aMessageThatCannotBeReadFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        Mailbox inbox = inboxListenedTo("pham.van.c");
        ExecutorService senders = Executors.newFixedThreadPool(4);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holder = holdLock(senders, inbox, release);
        try {
            Future<MessageMetaData> first = senders.submit(() -> append(inbox, message("truoc"), true));
            awaitWaiting(inbox, 1);
            Future<MessageMetaData> broken = senders.submit(() -> appendUnreadable(inbox));
            awaitWaiting(inbox, 2);
            Future<MessageMetaData> last = senders.submit(() -> append(inbox, message("sau"), true));
            awaitWaiting(inbox, 3);
            release.countDown();

            ExecutionException failure = assertThrows(ExecutionException.class, () -> broken.get(30, TimeUnit.SECONDS));
            assertInstanceOf(MailboxException.class, failure.getCause());
            assertEquals(MessageUid.of(1), first.get(30, TimeUnit.SECONDS).getUid());
            assertEquals(MessageUid.of(2), last.get(30, TimeUnit.SECONDS).getUid(), "the failed one took no UID");
        } finally {
            senders.shutdownNow();
        }
        assertEquals(List.of(1L, 2L), announced, "only what is stored is announced");
        assertEquals(2, new StoredMessages(factory).read(inbox, MessageRange.all(), FetchType.METADATA, -1, () -> null).size());
    }

    @Test
    void anAppendToADeletedMailboxIsNotFound() {
        Mailbox gone = new Mailbox(MailboxPath.inbox(Username.of("khong.con@example.gov.vn")), UidValidity.of(7),
            JPAId.of(987654));
        MailboxException failure = assertThrows(MailboxException.class, () -> append(gone, message("lost"), true));
        assertInstanceOf(MailboxNotFoundException.class, failure);
    }

    @Test
    void anImapAppendFromAnEventLoopIsWrittenByAWriterThreadAndSignalledOffIt() throws Exception {
        Mailbox inbox = inboxListenedTo("vo.thi.d");
        List<String> signalledOn = new ArrayList<>();
        // Schedulers.parallel() threads are non-blocking, as Netty's event loops are to Reactor.
        MailboxMessage message = mailboxMessage(inbox, message("APPEND"));
        MessageMetaData stored = Mono.defer(() -> groupCommit.append(locker, inbox, message, session(inbox), false))
            .subscribeOn(Schedulers.parallel())
            .doOnNext(any -> signalledOn.add(Thread.currentThread().getName()))
            .block(Duration.ofSeconds(30));
        assertEquals(MessageUid.of(1), stored.getUid());
        assertEquals(List.of(1L), announced);
        assertTrue(signalledOn.get(0).startsWith("boundedElastic"), signalledOn.toString());
    }

    @Test
    void anImapAppendOnAThreadThatMayBlockIsWrittenThereWhenNoOtherWrites() throws Exception {
        Mailbox inbox = inboxListenedTo("vo.thi.e");
        String caller = Thread.currentThread().getName();
        List<String> signalledOn = new ArrayList<>();
        MessageMetaData stored = groupCommit.append(locker, inbox, mailboxMessage(inbox, message("APPEND")),
                session(inbox), false)
            .doOnNext(any -> signalledOn.add(Thread.currentThread().getName()))
            .block(Duration.ofSeconds(30));
        assertEquals(MessageUid.of(1), stored.getUid());
        assertEquals(List.of(1L), announced);
        assertEquals(List.of(caller), signalledOn);
    }

    private MessageMetaData append(Mailbox mailbox, byte[] content, boolean isDelivery) throws MailboxException {
        return stored(groupCommit.append(locker, mailbox, mailboxMessage(mailbox, content), session(mailbox), isDelivery));
    }

    /** What the append gives, or the exception it fails with as such (block() wraps a checked one). */
    private static MessageMetaData stored(Mono<MessageMetaData> append) throws MailboxException {
        try {
            return append.block(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof MailboxException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A message whose content is gone when it is written (a spool file removed under us, say). */
    private MessageMetaData appendUnreadable(Mailbox mailbox) throws MailboxException {
        Content unreadable = new Content() {
            @Override
            public InputStream getInputStream() throws IOException {
                throw new IOException("content gone");
            }

            @Override
            public long size() {
                return 100;
            }
        };
        PropertyBuilder properties = new PropertyBuilder();
        properties.setMediaType("text");
        properties.setSubType("plain");
        MailboxMessage message = new SimpleMailboxMessage(MESSAGE_IDS.generate(), ThreadId.fromBaseMessageId(MESSAGE_IDS.generate()),
            new Date(), 100, 40, unreadable, new Flags(), properties.build(), mailbox.getMailboxId());
        return stored(groupCommit.append(locker, mailbox, message, session(mailbox), true));
    }

    private static MailboxMessage mailboxMessage(Mailbox mailbox, byte[] content) throws MailboxException {
        var messageId = MESSAGE_IDS.generate();
        ArrivingMessage arriving;
        try {
            arriving = ArrivingMessage.parse(content);
        } catch (IOException | MimeException e) {
            throw new MailboxException("unparsable test message", e);
        }
        return arriving.toMailboxMessage(messageId, ThreadId.fromBaseMessageId(messageId),
            mailbox.getMailboxId(), new Date(), new Date(), new Flags(Flags.Flag.RECENT));
    }

    private static byte[] message(String subject) {
        return ("From: van.thu@example.gov.vn\r\nTo: lanh.dao@example.gov.vn\r\nSubject: " + subject
            + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNoi dung cua van ban.\r\nDong thu hai.\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static MailboxSession session(Mailbox mailbox) {
        return new MailboxSession(MailboxSession.SessionId.of(1), mailbox.getUser(), Optional.empty(), List.of(Locale.ROOT),
            '.', MailboxSession.SessionType.System);
    }

    /** The mailbox, with a listener recording the UIDs announced for it and how many deliveries overlap. */
    private Mailbox inboxListenedTo(String user) {
        Mailbox inbox = EmbeddedJpaStore.inbox(factory, user);
        eventBus.register(new EventListener.ReactiveEventListener() {
            @Override
            public Publisher<Void> reactiveEvent(Event event) {
                return Mono.fromRunnable(() -> {
                    mostListenersAtOnce = Math.max(mostListenersAtOnce, listenersAtOnce.incrementAndGet());
                    if (event instanceof Added added) {
                        added.getUids().forEach(uid -> announced.add(uid.asLong()));
                    }
                    listenersAtOnce.decrementAndGet();
                });
            }
        }, new MailboxIdRegistrationKey(inbox.getMailboxId())).block();
        return inbox;
    }

    /** Someone else (a COPY into this mailbox, say) holding its lock until {@code release}; returns once it does. */
    private Future<?> holdLock(ExecutorService threads, Mailbox mailbox, CountDownLatch release) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Future<?> holder = threads.submit(() -> locker.executeWithLock(mailbox.generateAssociatedPath(), () -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, MailboxPathLocker.LockType.Write));
        held.await();
        return holder;
    }

    /** Once all is written, no mailbox keeps a queue: they do not pile up for every mailbox ever written to. */
    private void awaitNoQueue() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (groupCommit.queuedMailboxes() > 0) {
            assertTrue(System.nanoTime() < deadline, groupCommit.queuedMailboxes() + " mailboxes still have a queue");
            Thread.sleep(5);
        }
    }

    private void awaitWaiting(Mailbox mailbox, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (groupCommit.waiting(mailbox) < count) {
            assertTrue(System.nanoTime() < deadline, "appends queued: " + groupCommit.waiting(mailbox) + " of " + count);
            Thread.sleep(5);
        }
    }
}
