package vn.congvu.gateway.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit for API requests: one thread stores the notices of all requests waiting at that moment in one
 * transaction, so many small notices share one commit (one write of the database file) instead of one each.
 * Every caller still gets its answer only once its notice is committed. A large notice goes straight in on the
 * caller's thread: it is a batch on its own and would only hold the small ones up.
 */
@Component
public class NoticeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NoticeWriter.class);
    /** Messages above which a notice is stored by its own caller. */
    static final int OWN_TRANSACTION = 500;
    private static final int MAX_BATCH = 200;

    private record Pending(NoticeInserts.NoticeRows rows, CompletableFuture<Long> id) {
    }

    private final NoticeInserts outbox;
    private final GroupCommitThread<Pending> thread;

    public NoticeWriter(NoticeInserts outbox) {
        this.outbox = outbox;
        // no lingering: callers wait for their answer, and a batch forms anyway while a commit is under way
        this.thread = new GroupCommitThread<>("outbox-notices", MAX_BATCH, 0, 0, this::write);
    }

    /** Stores the notice durably and returns its id; blocks until it is committed. */
    public long store(NewNotice notice, List<NewMessage> messages) {
        if (messages.size() > OWN_TRANSACTION || !thread.running()) {
            return outbox.createNotice(notice, messages);
        }
        Pending p = new Pending(new NoticeInserts.NoticeRows(notice, messages), new CompletableFuture<>());
        thread.add(p);
        try {
            return p.id().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the notice was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void write(List<Pending> batch) {
        try {
            List<Long> ids = outbox.createNotices(batch.stream().map(Pending::rows).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).id().complete(ids.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).id().completeExceptionally(e);
                return;
            }
            // one notice may be what the database refuses: the others must not fail with it
            log.warn("storing {} notices together failed ({}); storing them one by one", batch.size(), e.toString());
            for (Pending p : batch) {
                write(List.of(p));
            }
        }
    }

    /** Stores what is queued, then stops; later callers store on their own thread. */
    @Override
    public void close() {
        thread.close();
    }
}
