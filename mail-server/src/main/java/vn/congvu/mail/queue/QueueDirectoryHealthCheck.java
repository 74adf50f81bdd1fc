package vn.congvu.mail.queue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.inject.Inject;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/** Unhealthy when the queue directory cannot take new mail (gone, read-only, or the disk is full). */
public class QueueDirectoryHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("Mail queue");
    /** Below this, SMTP would soon answer "could not queue" to every client. */
    private static final long MIN_FREE_BYTES = 100L * 1024 * 1024;

    private final Path root;

    @Inject
    QueueDirectoryHealthCheck(FileMailQueueFactory queues) {
        this.root = queues.root();
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(() -> {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                return Result.unhealthy(COMPONENT, "queue directory " + root + " is missing or not writable");
            }
            long free = Files.getFileStore(root).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                return Result.degraded(COMPONENT, "only " + free / (1024 * 1024) + " MB free under " + root);
            }
            return Result.healthy(COMPONENT);
        });
    }
}
