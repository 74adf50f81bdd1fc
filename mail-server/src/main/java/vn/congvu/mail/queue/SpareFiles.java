package vn.congvu.mail.queue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of mails whose processing is done, kept for the next mails to be written over. A new file per mail costs
 * the file system an inode allocation and a release, and ext4 without a journal (these machines) scans every inode
 * freed in the last seconds on each allocation: at 800 mails/s that was a tenth of the server's CPU.
 */
final class SpareFiles {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpareFiles.class);

    private final Path directory;
    private final int maxFiles;
    private final long maxBytes;
    private final ConcurrentLinkedQueue<Spare> spares = new ConcurrentLinkedQueue<>();
    private final AtomicLong names = new AtomicLong();
    /** Kept and reserved, guarded by this. */
    private int files;
    private long bytes;

    /**
     * Spares left by an earlier run are deleted, not reused: after a crash on a file system without a journal, a
     * spare may still be a second name of a mail queued since.
     */
    SpareFiles(Path directory, int maxFiles, long maxBytes) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    private record Spare(Path file, long size) {
    }

    /** A spare to write a new mail into (from its start, then cut to length), if one is kept. */
    Optional<Path> take() {
        Spare spare = spares.poll();
        if (spare == null) {
            return Optional.empty();
        }
        release(spare.size());
        return Optional.of(spare.file());
    }

    /**
     * Keeps a processed mail's file as a spare, or deletes it when as many files or bytes are kept as allowed
     * (enough to absorb the backlog of a burst: every mail queued beyond the spares needs a new file).
     */
    void keep(Path done) {
        long size = sizeOf(done);
        if (size >= 0 && reserve(size)) {
            Path spare = directory.resolve(Long.toString(names.incrementAndGet()));
            try {
                Files.move(done, spare, StandardCopyOption.ATOMIC_MOVE);
                spares.add(new Spare(spare, size));
                return;
            } catch (IOException e) {
                release(size);
                LOGGER.debug("Could not keep {} as a spare: {}", done, e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(done);
        } catch (IOException e) {
            LOGGER.warn("Could not delete processed queue file {}: {}", done, e.getMessage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private synchronized boolean reserve(long size) {
        if (files >= maxFiles || bytes + size > maxBytes) {
            return false;
        }
        files++;
        bytes += size;
        return true;
    }

    private synchronized void release(long size) {
        files--;
        bytes -= size;
    }
}
