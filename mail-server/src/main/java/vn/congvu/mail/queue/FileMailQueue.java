package vn.congvu.mail.queue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A durable mail queue in a directory, one file per mail ({@link SpoolFile}), the way an MTA spools: a mail is
 * written to a temporary file, synced, renamed into place and the rename synced before {@code enQueue} returns, so
 * an accepted mail survives any crash; when processing is done its file is kept for a later mail ({@link
 * SpareFiles}) or deleted. In memory the queue keeps only which files are due when. On start, every stored mail is
 * queued again (including those being processed when the server stopped: processing is at least once, and delivery
 * recognises a mail it already stored).
 */
public class FileMailQueue implements ManageableMailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileMailQueue.class);
    static final String SUFFIX = ".mail";
    private static final String PARTIAL = ".tmp";
    private static final String UNREADABLE = "unreadable";
    private static final String SPARE = "spare";
    /** Enough spares for a backlog of 20,000 typical mails, at most 512 MB of disk. */
    private static final int SPARE_FILES = 20_000;
    private static final long SPARE_BYTES = 512L * 1024 * 1024;
    private static final long MAX_BACKOFF_MILLIS = Duration.ofMinutes(5).toMillis();
    /** How soon a waiting consumer notices it was cancelled. */
    private static final long POLL_MILLIS = 200;

    private final MailQueueName name;
    private final Path directory;
    private final MailQueueItemDecoratorFactory decorators;
    private final DirectorySync directorySync;
    private final SpareFiles spares;
    private final DelayQueue<QueuedMail> waiting = new DelayQueue<>();
    private final Map<String, QueuedMail> inProcess = new ConcurrentHashMap<>();
    private final Metric enqueued;
    private final Metric dequeued;
    private final Scheduler takers;
    private final Flux<MailQueueItem> items;

    FileMailQueue(MailQueueName name, Path directory, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                  GaugeRegistry gauges) throws IOException {
        this.name = name;
        this.directory = directory;
        this.decorators = decorators;
        Files.createDirectories(directory);
        this.directorySync = new DirectorySync(directory);
        this.spares = new SpareFiles(directory.resolve(SPARE), SPARE_FILES, SPARE_BYTES);
        this.enqueued = metrics.generate(ENQUEUED_METRIC_NAME_PREFIX + name.asString());
        this.dequeued = metrics.generate(DEQUEUED_METRIC_NAME_PREFIX + name.asString());
        gauges.register(QUEUE_SIZE_METRIC_NAME_PREFIX + name.asString(), this::getSize);
        recover();
        // A thread per consumer waits on the delay queue; items are handed over on it.
        this.takers = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "queue-" + name.asString());
        this.items = Flux.defer(this::consumer)
            .subscribeOn(takers)
            .map(item -> decorators.decorate(item, name));
    }

    /**
     * One consumer's stream of due mails. A consumer that cancels gives back what it took and did not get:
     * otherwise the mail would stay on disk but be forgotten until the next start.
     */
    private Flux<MailQueueItem> consumer() {
        AtomicBoolean cancelled = new AtomicBoolean();
        return Flux.<MailQueueItem>generate(sink -> {
                Item item = nextDue(cancelled);
                if (item == null) {
                    sink.complete();
                } else {
                    sink.next(item);
                }
            })
            .doOnCancel(() -> cancelled.set(true))
            .doOnDiscard(Item.class, Item::giveBack);
    }

    /** The next due mail, opened; null once the consumer is cancelled (or its thread interrupted at shutdown). */
    private Item nextDue(AtomicBoolean cancelled) {
        try {
            while (!cancelled.get()) {
                QueuedMail entry = waiting.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                Optional<Item> item = entry == null ? Optional.empty() : open(entry);
                if (item.isPresent()) {
                    if (!cancelled.get()) {
                        return item.get();
                    }
                    item.get().giveBack();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Mails stored before this start are due again; half-written files were never acknowledged to anyone. */
    private void recover() throws IOException {
        int recovered = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(PARTIAL)) {
                    Files.deleteIfExists(file);
                } else if (fileName.endsWith(SUFFIX)) {
                    String id = fileName.substring(0, fileName.length() - SUFFIX.length());
                    try {
                        SpoolFile.Envelope envelope = SpoolFile.readEnvelope(file);
                        waiting.add(new QueuedMail(id, envelope.name(), envelope.nextDeliveryMillis(), 0));
                        recovered++;
                    } catch (IOException e) {
                        setAside(file, e);
                    }
                }
            }
        }
        if (recovered > 0) {
            LOGGER.info("Mail queue {}: {} mails stored before this start are queued again", name.asString(), recovered);
        }
    }

    @Override
    public MailQueueName getName() {
        return name;
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        long due = dueAfter(delay);
        String id = due + "-" + UUID.randomUUID();
        Optional<Path> spare = spares.take();
        Path partial = spare.orElseGet(() -> directory.resolve(id + PARTIAL));
        Path stored = directory.resolve(id + SUFFIX);
        try {
            try (FileChannel channel = spare.isPresent()
                    ? FileChannel.open(partial, StandardOpenOption.WRITE)
                    : FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                SpoolFile.write(mail, due, out);
                out.flush();
                // a spare held a longer mail before
                channel.truncate(channel.position());
                channel.force(false);
            }
            Files.move(partial, stored, StandardCopyOption.ATOMIC_MOVE);
            directorySync.renamed();
        } catch (IOException | MessagingException | RuntimeException e) {
            deleteQuietly(partial);
            throw new MailQueueException("Could not queue mail " + mail.getName() + " in " + name.asString(), e);
        }
        waiting.add(new QueuedMail(id, mail.getName(), due, 0));
        enqueued.increment();
    }

    private static long dueAfter(Duration delay) {
        long now = System.currentTimeMillis();
        if (delay == null || delay.isNegative() || delay.isZero()) {
            return now;
        }
        try {
            return Math.addExact(now, delay.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        enQueue(mail, Duration.ZERO);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.<Void>fromRunnable(() -> {
            try {
                enQueue(mail);
            } catch (MailQueueException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<MailQueueItem> deQueue() {
        return items;
    }

    private Optional<Item> open(QueuedMail entry) {
        Path file = file(entry);
        inProcess.put(entry.id, entry);
        try {
            Mail mail = SpoolFile.read(file);
            dequeued.increment();
            return Optional.of(new Item(entry, mail));
        } catch (IOException e) {
            inProcess.remove(entry.id);
            if (Files.exists(file)) {
                setAside(file, e);
            }
            return Optional.empty();
        }
    }

    private final class Item implements MailQueueItem {
        private final QueuedMail entry;
        private final Mail mail;
        private final AtomicBoolean done = new AtomicBoolean();

        Item(QueuedMail entry, Mail mail) {
            this.entry = entry;
            this.mail = mail;
        }

        @Override
        public Mail getMail() {
            return mail;
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            LifecycleUtil.dispose(mail);
            inProcess.remove(entry.id);
            finish(status);
        }

        /** Taken from the queue but never handed to the consumer: due again at once. */
        void giveBack() {
            if (done.compareAndSet(false, true)) {
                LifecycleUtil.dispose(mail);
                inProcess.remove(entry.id);
                waiting.add(entry);
            }
        }

        private void finish(CompletionStatus status) {
            switch (status) {
                case SUCCESS -> spares.keep(file(entry));
                case RETRY -> waiting.add(entry.dueAt(System.currentTimeMillis(), 0));
                default -> {
                    // James could not even record a processing failure: try again later, never drop the mail.
                    long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(entry.failures, 20));
                    LOGGER.warn("Mail {} in queue {} was rejected by its consumer; retried in {} ms",
                        entry.name, name.asString(), backoff);
                    waiting.add(entry.dueAt(System.currentTimeMillis() + backoff, entry.failures + 1));
                }
            }
        }
    }

    @Override
    public long getSize() {
        return waiting.size() + inProcess.size();
    }

    @Override
    public long flush() {
        long now = System.currentTimeMillis();
        return take(entry -> entry.dueMillis > now, entry -> waiting.add(entry.dueAt(now, entry.failures)));
    }

    @Override
    public long clear() {
        return take(entry -> true, entry -> deleteQuietly(file(entry)));
    }

    @Override
    public long remove(Type type, String value) {
        return take(entry -> matches(entry, type, value), entry -> deleteQuietly(file(entry)));
    }

    /** Takes the waiting mails that match out of the queue (not those being processed) and hands each on. */
    private long take(Predicate<QueuedMail> which, Consumer<QueuedMail> then) {
        long count = 0;
        for (QueuedMail entry : waiting.toArray(new QueuedMail[0])) {
            if (which.test(entry) && waiting.remove(entry)) {
                then.accept(entry);
                count++;
            }
        }
        return count;
    }

    private boolean matches(QueuedMail entry, Type type, String value) {
        if (type == Type.Name) {
            return entry.name.equals(value);
        }
        try {
            SpoolFile.Envelope envelope = SpoolFile.readEnvelope(file(entry));
            return switch (type) {
                case Sender -> envelope.sender().asString().equals(value);
                case Recipient -> envelope.recipients().stream().map(MailAddress::asString).anyMatch(value::equals);
                default -> false;
            };
        } catch (IOException e) {
            // An administrator's removal goes on over the rest; the mail stays queued, and processing sets it aside.
            LOGGER.warn("Mail queue {}: cannot read the envelope of {} ({}): not removed",
                name.asString(), entry.id, e.getMessage());
            return false;
        }
    }

    @Override
    public MailQueueIterator browse() {
        List<QueuedMail> entries = new ArrayList<>(List.of(waiting.toArray(new QueuedMail[0])));
        entries.sort(null);
        Iterator<QueuedMail> underlying = entries.iterator();
        return new MailQueueIterator() {
            private MailQueueItemView next;

            @Override
            public boolean hasNext() {
                while (next == null && underlying.hasNext()) {
                    QueuedMail entry = underlying.next();
                    try {
                        Mail mail = SpoolFile.read(file(entry));
                        next = new DefaultMailQueueItemView(mail,
                            ZonedDateTime.ofInstant(Instant.ofEpochMilli(entry.dueMillis), ZoneId.systemDefault()));
                    } catch (IOException e) {
                        // processed or removed since the listing: not in the queue any more
                    }
                }
                return next != null;
            }

            @Override
            public MailQueueItemView next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MailQueueItemView view = next;
                next = null;
                return view;
            }

            @Override
            public void close() {
            }
        };
    }

    private Path file(QueuedMail entry) {
        return directory.resolve(entry.id + SUFFIX);
    }

    /** A stored mail the queue cannot read is kept for an administrator, never deleted. */
    private void setAside(Path file, IOException cause) {
        try {
            Path aside = Files.createDirectories(directory.resolve(UNREADABLE)).resolve(file.getFileName());
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            LOGGER.error("Mail queue {}: {} cannot be read ({}); moved to {} for inspection",
                name.asString(), file.getFileName(), cause.getMessage(), aside);
        } catch (IOException e) {
            LOGGER.error("Mail queue {}: {} cannot be read ({}) nor moved aside ({})",
                name.asString(), file, cause.getMessage(), e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.warn("Could not delete queue file {}: {}", file, e.getMessage());
        }
    }

    /** Shared by every user of the queue: stopped with the factory, not by one user's close. */
    @Override
    public void close() {
    }

    void stop() {
        takers.dispose();
    }
}
