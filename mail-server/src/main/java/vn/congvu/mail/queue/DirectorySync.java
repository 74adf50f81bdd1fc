package vn.congvu.mail.queue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import vn.congvu.files.DirectoryFsync;

/**
 * Makes renames into a directory durable (fsync of the directory), one fsync for all the renames that
 * happened before it started: concurrent enqueues share a sync instead of queueing one each.
 */
final class DirectorySync {
    private final Path directory;
    private final AtomicLong renames = new AtomicLong();
    private final Object lock = new Object();
    private long synced;

    DirectorySync(Path directory) {
        this.directory = directory;
    }

    /** Call after the rename: returns once a directory fsync begun after it has completed. */
    void renamed() throws IOException {
        long mine = renames.incrementAndGet();
        synchronized (lock) {
            if (synced >= mine) {
                return;
            }
            long covered = renames.get();
            DirectoryFsync.force(directory);
            synced = covered;
        }
    }
}
