package vn.congvu.mail.imap.search;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Keeps the {@link TextIndex} up with the mailboxes: expunged messages and deleted mailboxes leave it at once
 * (a synchronous listener: before EXPUNGE answers, so the next SEARCH cannot find them);
 * arrived messages are indexed in the background, off the delivery's path (a SEARCH catches its mailbox up itself
 * first, so it never waits for this). Also writes the index to disk now and then.
 */
public final class IndexUpdates implements EventListener.ReactiveGroupEventListener {
    private static final Logger LOGGER = LoggerFactory.getLogger(IndexUpdates.class);
    private static final long COMMIT_SECONDS = 10;

    public static final class IndexUpdatesGroup extends Group {
    }

    private final TextIndex index;
    private final MailboxCatchUp catchUp;
    private final MailboxSessionMapperFactory mappers;
    private final SessionProvider sessions;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "congvu-search-index");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<MailboxId> pending = ConcurrentHashMap.newKeySet();

    @Inject
    public IndexUpdates(TextIndex index, MailboxCatchUp catchUp, MailboxSessionMapperFactory mappers, SessionProvider sessions) {
        this.index = index;
        this.catchUp = catchUp;
        this.mappers = mappers;
        this.sessions = sessions;
        background.execute(BackgroundPriority::lower);
        background.scheduleWithFixedDelay(this::commit, COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Group getDefaultGroup() {
        return new IndexUpdatesGroup();
    }

    @Override
    public ExecutionMode getExecutionMode() {
        return ExecutionMode.SYNCHRONOUS; // cheap: deletions are buffered, indexing is handed to the background
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvents.Added || event instanceof MailboxEvents.Expunged
            || event instanceof MailboxEvents.MailboxDeletion;
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        return Mono.fromRunnable(() -> {
            MailboxEvents.MailboxEvent mailboxEvent = (MailboxEvents.MailboxEvent) event;
            String mailbox = mailboxEvent.getMailboxId().serialize();
            try {
                if (event instanceof MailboxEvents.Added added) {
                    later(added.getMailboxId(), added.getUsername());
                } else if (event instanceof MailboxEvents.Expunged expunged) {
                    index.delete(mailbox, expunged.getUids().stream().map(MessageUid::asLong).toList());
                } else if (event instanceof MailboxEvents.MailboxDeletion) {
                    index.deleteMailbox(mailbox);
                    catchUp.forget(mailbox);
                }
            } catch (RuntimeException e) {
                LOGGER.warn("Search index: {} of mailbox {} not applied; the mailbox is compared on its next search",
                    event.getClass().getSimpleName(), mailbox, e);
                catchUp.distrust(mailbox);
            }
        });
    }

    /** One catch-up per mailbox waiting at a time: a burst of deliveries is indexed in a few batches. */
    private void later(MailboxId id, Username owner) {
        if (pending.add(id)) {
            background.execute(() -> {
                pending.remove(id);
                MailboxSession session = sessions.createSystemSession(owner);
                try {
                    Mailbox mailbox = mappers.getMailboxMapper(session).findMailboxById(id).block();
                    if (mailbox != null) {
                        catchUp.catchUp(session, mailbox);
                    }
                } catch (Exception e) {
                    // the next SEARCH in the mailbox catches up itself
                    LOGGER.warn("Could not index the new messages of mailbox {}", id.serialize(), e);
                } finally {
                    mappers.endProcessingRequest(session); // closes the session's entity manager
                }
            });
        }
    }

    private void commit() {
        try {
            index.commit();
        } catch (RuntimeException e) {
            LOGGER.warn("Could not write the search index to disk", e);
        }
    }

    @PreDestroy
    public void stop() {
        background.shutdownNow();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        index.close();
    }
}
