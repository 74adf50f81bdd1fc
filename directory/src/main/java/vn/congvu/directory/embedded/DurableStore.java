package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ReadOnlyEntry;
import com.unboundid.ldap.sdk.schema.Schema;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * Makes the in-memory directory durable: a snapshot LDIF plus append-only journals ({@code journal-N.log}).
 *
 * <p>Every successful change appends the resulting state of its entry, read under {@link #appendLock} so the
 * journal order matches the order of the final states even with concurrent writers, then waits until an fsync
 * covers it. Group commit: one writer's fsync covers every record written before it started; writers that arrive
 * meanwhile wait for it on {@link #syncLock} and then usually find their record already durable.
 *
 * <p>Compaction writes a new snapshot including journal generations up to G and starts generation G+1; the
 * snapshot's atomic rename is the commit point, so a crash at any moment leaves either the old snapshot with its
 * journals or the new one. It runs at start, on close, when the journal outgrows the snapshot, and synchronously for
 * changes the journal cannot express entry by entry (modify DN, subtree delete, password modify).
 *
 * <p>After a failed write the store refuses all further changes (fail-stop): memory would otherwise drift from disk.
 */
final class DurableStore implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableStore.class);
    private static final Pattern JOURNAL_NAME = Pattern.compile("journal-(\\d+)\\.log");

    private final Path dir;
    private final InMemoryRequestHandler data;
    private final int minCompactionRecords;
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final boolean fresh;
    private final ExecutorService compactor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "directory-compaction");
        t.setDaemon(true);
        return t;
    });

    /** Orders journal appends; held while reading the entry state that is appended. */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** One fsync at a time; the waiting writers' records are usually covered by the running one. */
    private final ReentrantLock syncLock = new ReentrantLock();

    // guarded by appendLock (and syncLock too where the journal is swapped)
    private ChangeJournal journal;
    private long generation;
    private long recordsSinceSnapshot;
    private long entriesAtSnapshot;
    private boolean compactionQueued;
    private boolean closed;

    /** Sequence number of the last record written; only advanced under appendLock. */
    private volatile long written;
    /** Sequence number up to which records are on disk; guarded by syncLock. */
    private long durable;
    private volatile Exception failure;

    private DurableStore(Path dir, InMemoryRequestHandler data, int minCompactionRecords, FileChannel lockChannel,
            FileLock dirLock, long generation, boolean fresh) {
        this.dir = dir;
        this.data = data;
        this.minCompactionRecords = minCompactionRecords;
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
        this.generation = generation;
        this.fresh = fresh;
    }

    /**
     * Locks the data directory, loads the snapshot and replays the journals into {@code data} (which must be empty).
     * Call {@link #compact()} next: until then nothing can be recorded.
     */
    static DurableStore open(Path dir, InMemoryRequestHandler data, Schema schema, int minCompactionRecords)
            throws IOException {
        OwnerOnlyFiles.directory(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another embedded directory is already using " + dir);
        }
        try {
            Files.deleteIfExists(dir.resolve(SnapshotFile.NAME + ".tmp"));
            Map<DN, Entry> entries = new LinkedHashMap<>();
            Path snapshot = dir.resolve(SnapshotFile.NAME);
            long covered = 0;
            boolean hasSnapshot = Files.exists(snapshot);
            if (hasSnapshot) {
                covered = SnapshotFile.coveredGeneration(snapshot);
                SnapshotFile.readEntries(snapshot, schema, e -> entries.put(dn(e, schema), e));
                LOG.info("loaded {} entries from {}", entries.size(), snapshot);
            }
            long generation = covered;
            List<Long> journals = journalGenerations(dir);
            boolean hasJournal = false;
            for (long g : journals) {
                if (g <= covered) {
                    continue; // already in the snapshot; deleted by the next compaction
                }
                hasJournal = true;
                generation = g;
                Path file = journalPath(dir, g);
                ChangeJournal.Replay r = ChangeJournal.replay(file, payload -> {
                    JournalRecord rec = JournalRecord.decode(payload, schema);
                    if (rec.deleted()) {
                        entries.remove(rec.dn());
                    } else {
                        entries.put(rec.dn(), rec.entry());
                    }
                });
                LOG.info("replayed {} changes from {}", r.records(), file.getFileName());
                if (r.ignoredBytes() > 0) {
                    LOG.warn("{}: ignored {} bytes after the last intact record (write cut short by a crash; "
                            + "it was never acknowledged)", file.getFileName(), r.ignoredBytes());
                }
            }
            load(data, entries, schema);
            return new DurableStore(dir, data, minCompactionRecords, lockChannel, lock, generation,
                    !hasSnapshot && !hasJournal);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    /** True when the directory had no data at all: the caller seeds it. */
    boolean fresh() {
        return fresh;
    }

    /** Parents first; an entry whose parent is missing cannot be added and is dropped with a warning. */
    private static void load(InMemoryRequestHandler data, Map<DN, Entry> entries, Schema schema) throws IOException {
        List<DN> order = new ArrayList<>(entries.keySet());
        order.sort(Comparator.comparingInt(dn -> dn.getRDNs().length)); // stable: keeps file order within a depth
        Set<DN> bases = new HashSet<>(data.getBaseDNs());
        Set<DN> loaded = new HashSet<>();
        for (DN dn : order) {
            if (!bases.contains(dn) && !loaded.contains(dn.getParent())) {
                LOG.warn("dropping {}: its parent is missing (it was added concurrently with its parent "
                        + "just before a crash)", dn);
                continue;
            }
            try {
                data.addEntry(entries.get(dn), true);
            } catch (LDAPException e) {
                throw new IOException("cannot load " + dn + ": " + e.getMessage(), e);
            }
            loaded.add(dn);
        }
    }

    private static DN dn(Entry e, Schema schema) {
        try {
            return new DN(e.getDN(), schema);
        } catch (LDAPException ex) {
            throw new IllegalArgumentException("bad DN in snapshot: " + e.getDN(), ex);
        }
    }

    private static List<Long> journalGenerations(Path dir) throws IOException {
        List<Long> gens = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = JOURNAL_NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    gens.add(Long.parseLong(m.group(1)));
                }
            });
        }
        gens.sort(null);
        return gens;
    }

    private static Path journalPath(Path dir, long generation) {
        return dir.resolve(String.format("journal-%012d.log", generation));
    }

    /** Rejects a change before it is applied when the store can no longer record it. */
    void checkWritable() throws IOException {
        Exception f = failure;
        if (f != null) {
            throw new IOException("the directory is read-only after a storage failure: " + f.getMessage(), f);
        }
        if (closed) {
            throw new IOException("the directory is shutting down");
        }
    }

    /** Records the current state of the entry (or its absence) and returns once that is on disk. */
    void recordState(DN dn) throws IOException {
        long seq;
        boolean compactNow = false;
        appendLock.lock();
        try {
            checkWritable();
            ReadOnlyEntry e = data.getEntry(dn);
            JournalRecord rec = e == null ? JournalRecord.deletion(dn) : JournalRecord.state(dn, e);
            journal.append(rec.encode());
            seq = ++written;
            recordsSinceSnapshot++;
            if (!compactionQueued && recordsSinceSnapshot >= Math.max(minCompactionRecords, entriesAtSnapshot)) {
                compactionQueued = true;
                compactNow = true;
            }
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } finally {
            appendLock.unlock();
        }
        awaitDurable(seq);
        if (compactNow) {
            compactor.execute(this::compactInBackground);
        }
    }

    private void awaitDurable(long seq) throws IOException {
        syncLock.lock();
        try {
            if (durable >= seq) {
                return; // another writer's fsync (or a compaction) already covered this record
            }
            checkWritable();
            long upTo = written; // read before the fsync: everything written so far is covered by it
            journal.force();
            durable = upTo;
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } finally {
            syncLock.unlock();
        }
    }

    private void compactInBackground() {
        try {
            compact();
        } catch (IOException e) {
            LOG.error("compaction failed; the directory no longer accepts changes", e);
        }
    }

    /** Writes a new snapshot of everything and starts a new, empty journal; older journals are deleted. */
    void compact() throws IOException {
        appendLock.lock();
        syncLock.lock();
        try {
            checkWritable();
            compactLocked();
        } finally {
            syncLock.unlock();
            appendLock.unlock();
        }
    }

    private void compactLocked() throws IOException {
        long started = System.nanoTime();
        long covered = generation;
        long next = covered + 1;
        compactionQueued = false;
        ChangeJournal nextJournal = null;
        try {
            Files.deleteIfExists(journalPath(dir, next)); // left by a compaction that crashed before its commit
            // Exists before the snapshot that names it commits; the snapshot's directory fsync makes it durable.
            nextJournal = ChangeJournal.create(journalPath(dir, next));
            int count = SnapshotFile.write(dir, covered, data);
            if (journal != null) {
                journal.close();
            }
            journal = nextJournal;
            generation = next;
            durable = written; // the snapshot holds every state written so far
            recordsSinceSnapshot = 0;
            entriesAtSnapshot = count;
            for (long g : journalGenerations(dir)) {
                if (g <= covered) {
                    Files.deleteIfExists(journalPath(dir, g));
                }
            }
            LOG.debug("snapshot of {} entries written in {} ms", count, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | LDAPException | RuntimeException e) {
            if (nextJournal != null && journal != nextJournal) {
                nextJournal.close();
            }
            throw fail(e);
        }
    }

    private IOException fail(Exception e) {
        if (failure == null && !closed) {
            failure = e;
            LOG.error("storage failure in {}: the directory refuses changes from now on", dir, e);
        }
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /** A last compaction (so the next start reads a single snapshot), then the directory lock is released. */
    @Override
    public void close() throws IOException {
        compactor.shutdown();
        try {
            compactor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appendLock.lock();
        syncLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (failure == null && journal != null) {
                    compactLocked();
                }
            } finally {
                closed = true;
                if (journal != null) {
                    journal.close();
                }
                dirLock.release();
                lockChannel.close();
            }
        } finally {
            syncLock.unlock();
            appendLock.unlock();
        }
    }
}
