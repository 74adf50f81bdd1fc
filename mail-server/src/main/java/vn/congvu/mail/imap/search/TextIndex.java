package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the messages' text, one document per message: its mailbox and UID, and {@link Trigrams} of
 * its header values and body text in the loose form. Subject, From, To, Cc and Bcc have fields of their own; any
 * other header is found through all the header values and then checked on the values stored with the document.
 * The header values and the exact form of the body text are stored, so a key typed with marks, which the loose
 * trigrams only narrow, is checked exactly. A directory that cannot be opened, fails its checksums or holds another
 * layout ({@link #FORMAT}) is emptied: the mailboxes fill it again.
 */
public final class TextIndex implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(TextIndex.class);
    private static final Set<String> OWN_FIELDS = Set.of("subject", "from", "to", "cc", "bcc");
    private static final String KEY = "key";
    private static final String MAILBOX = "mailbox";
    private static final String UID = "uid";
    private static final String HAS = "has";
    private static final String STORED_HEADERS = "stored-headers";
    private static final String STORED_BODIES = "stored-bodies";
    /** The layout of the documents, kept in each commit; an index of another layout is built again. */
    private static final String FORMAT_KEY = "congvu-format";
    private static final String FORMAT = "loose-trigrams-2";
    private static final String HEADERS = "headers";
    private static final String BODY = "body";
    private static final char NAME_END = '\u0001';
    private static final char VALUE_END = '\u0000';
    private static final FieldType GRAMS = gramsType();
    private static final Set<String> STORED_FIELDS = Set.of(STORED_HEADERS, STORED_BODIES);

    private final Path location;
    private final ReadWriteLock opening = new ReentrantReadWriteLock();
    private volatile Directory directory;
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;
    /** Counts the times the index was emptied, so the mailboxes know to fill it again. */
    private volatile int generation;

    public TextIndex(Path location) {
        this.location = location;
        open();
    }

    int generation() {
        return generation;
    }

    void put(String mailbox, long uid, MessageText text) {
        Document document = new Document();
        document.add(new StringField(KEY, key(mailbox, uid), Field.Store.NO));
        document.add(new StringField(MAILBOX, mailbox, Field.Store.NO));
        document.add(new NumericDocValuesField(UID, uid));
        StringBuilder stored = new StringBuilder();
        for (MessageText.HeaderValue header : text.headers()) {
            document.add(new StringField(HAS, header.name(), Field.Store.NO));
            String line = header.name() + ": " + header.value();
            addGrams(document, HEADERS, line);
            if (OWN_FIELDS.contains(header.name())) {
                addGrams(document, "h." + header.name(), header.value());
            }
            stored.append(header.name()).append(NAME_END).append(header.value()).append(VALUE_END);
        }
        document.add(new StoredField(STORED_HEADERS, stored.toString()));
        StringBuilder bodies = new StringBuilder();
        for (String body : text.bodies()) {
            addGrams(document, BODY, body);
            bodies.append(Folding.exact(body)).append(VALUE_END); // no key holds VALUE_END: no match spans two parts
        }
        document.add(new StoredField(STORED_BODIES, bodies.toString()));
        write(index -> index.updateDocument(new Term(KEY, key(mailbox, uid)), document));
    }

    void delete(String mailbox, Collection<Long> uids) {
        write(index -> index.deleteDocuments(uids.stream().map(uid -> new Term(KEY, key(mailbox, uid))).toArray(Term[]::new)));
    }

    void deleteMailbox(String mailbox) {
        write(index -> index.deleteDocuments(new Term(MAILBOX, mailbox)));
    }

    /** Makes what was written visible to the next reads. */
    void refresh() {
        read(() -> {
            searchers.maybeRefreshBlocking();
            return null;
        });
    }

    TreeSet<Long> uids(String mailbox) {
        return collect(new TermQuery(new Term(MAILBOX, mailbox)), null);
    }

    int count(String mailbox) {
        return read(() -> {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.count(new TermQuery(new Term(MAILBOX, mailbox)));
            } finally {
                searchers.release(searcher);
            }
        });
    }

    /** The UIDs of the messages of {@code mailbox} that {@code key} matches. */
    TreeSet<Long> matching(String mailbox, TextKey key) {
        Substring wanted = Substring.of(key.value());
        if (wanted.form().isEmpty()) {
            return key.area() == TextKey.Area.BODY || key.area() == TextKey.Area.TEXT
                ? uids(mailbox)
                : collect(inMailbox(mailbox, new TermQuery(new Term(HAS, key.headerName()))), null);
        }
        switch (key.area()) {
            case BODY:
            case TEXT:
                boolean text = key.area() == TextKey.Area.TEXT;
                BooleanQuery.Builder either = new BooleanQuery.Builder().add(grams(BODY, wanted), Occur.SHOULD);
                if (text) {
                    either.add(grams(HEADERS, wanted), Occur.SHOULD);
                }
                return collect(inMailbox(mailbox, either.build()), wanted.loose() ? null
                    : stored -> foundInBodies(stored, wanted) || text && foundInHeaderLines(stored, wanted));
            default:
                String name = key.headerName();
                if (OWN_FIELDS.contains(name)) {
                    return collect(inMailbox(mailbox, grams("h." + name, wanted)), wanted.loose() ? null
                        : stored -> storedValueMatches(stored.get(STORED_HEADERS), name, wanted));
                }
                Query candidates = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(HAS, name)), Occur.FILTER)
                    .add(grams(HEADERS, wanted), Occur.FILTER)
                    .build();
                return collect(inMailbox(mailbox, candidates), stored -> storedValueMatches(stored.get(STORED_HEADERS), name, wanted));
        }
    }

    /** The texts of {@code field} whose loose form contains the key's: all of them, or a narrowing of an exact key. */
    private static Query grams(String field, Substring wanted) {
        String loose = wanted.looseForm();
        // a key of marks only has an empty loose form: every text is a candidate for the exact check
        return loose.isEmpty() ? new MatchAllDocsQuery() : Trigrams.containing(field, loose);
    }

    private static boolean foundInBodies(Document stored, Substring wanted) {
        String bodies = stored.get(STORED_BODIES);
        return bodies != null && wanted.foundInExact(bodies);
    }

    private static boolean foundInHeaderLines(Document stored, Substring wanted) {
        String headers = stored.get(STORED_HEADERS);
        if (headers == null) {
            return false;
        }
        int at = 0;
        while (at < headers.length()) {
            int nameEnd = headers.indexOf(NAME_END, at);
            int valueEnd = headers.indexOf(VALUE_END, nameEnd);
            if (nameEnd < 0 || valueEnd < 0) {
                return false;
            }
            // the same line the HEADERS grams were made of
            if (wanted.foundIn(headers.substring(at, nameEnd) + ": " + headers.substring(nameEnd + 1, valueEnd))) {
                return true;
            }
            at = valueEnd + 1;
        }
        return false;
    }

    /** Writes the changes to disk, so a restart has less to fill again. */
    void commit() {
        write(IndexWriter::commit);
    }

    /** Empties a damaged index; the mailboxes fill it again on their next search. */
    void reset(Exception cause) {
        LOGGER.warn("The search index in {} is damaged; it is built again", location, cause);
        opening.writeLock().lock();
        try {
            closeQuietly();
            wipe();
            openOrWipe();
        } finally {
            opening.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        opening.writeLock().lock();
        try {
            try {
                writer.commit();
            } catch (IOException | RuntimeException e) {
                LOGGER.warn("Could not commit the search index in {}", location, e);
            }
            closeQuietly();
        } finally {
            opening.writeLock().unlock();
        }
    }

    private void open() {
        opening.writeLock().lock();
        try {
            openOrWipe();
        } finally {
            opening.writeLock().unlock();
        }
    }

    private void openOrWipe() {
        try {
            openHere();
        } catch (IOException | RuntimeException damaged) {
            LOGGER.warn("The search index in {} cannot be read; it is built again", location, damaged);
            closeQuietly();
            wipe();
            try {
                openHere();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the search index in " + location, e);
            }
        }
    }

    private void openHere() throws IOException {
        Files.createDirectories(location);
        directory = unsynced(FSDirectory.open(location));
        if (DirectoryReader.indexExists(directory)) {
            String format = SegmentInfos.readLatestCommit(directory).getUserData().get(FORMAT_KEY);
            if (!FORMAT.equals(format)) {
                throw new IOException("the index holds documents of layout " + format + ", not " + FORMAT);
            }
        }
        writer = new IndexWriter(directory, new IndexWriterConfig(Trigrams.analyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setRAMBufferSizeMB(64)
            // Lucene 9 waits up to 500 ms in every refresh for merges of the small segments it just flushed; a
            // SEARCH refreshes, and these waits were the longest of any command with 10 sessions on one mailbox.
            .setMaxFullFlushMergeWaitMillis(0));
        writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
        // the checksums of every file, once per start: a damaged file would otherwise answer wrongly or fail later
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().checkIntegrity();
            }
        }
        searchers = new SearcherManager(writer, null);
        generation++;
    }

    /**
     * The index is a cache of the mailboxes: its commits are not forced to disk. Lucene's fsync of a commit's
     * files (every {@code IndexUpdates} period) queued behind and ahead of Derby's log syncs on the same disk,
     * and every IMAP write of a mailbox waited for it inside its turn. What a crash leaves half-written fails the
     * checksums at the next start and is built again.
     */
    private static Directory unsynced(Directory files) {
        return new FilterDirectory(files) {
            @Override
            public void sync(Collection<String> names) {
                // not forced: see above
            }

            @Override
            public void syncMetaData() {
                // not forced: see above
            }
        };
    }

    private void closeQuietly() {
        for (AutoCloseable open : new AutoCloseable[] {searchers, writer, directory}) {
            if (open != null) {
                try {
                    open.close();
                } catch (Exception e) {
                    LOGGER.debug("Closing the search index", e);
                }
            }
        }
        searchers = null;
        writer = null;
        directory = null;
    }

    private void wipe() {
        if (!Files.exists(location)) {
            return;
        }
        try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!file.equals(location)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty the search index in " + location, e);
        }
    }

    private static Query inMailbox(String mailbox, Query query) {
        return new BooleanQuery.Builder()
            .add(new TermQuery(new Term(MAILBOX, mailbox)), Occur.FILTER)
            .add(query, Occur.FILTER)
            .build();
    }

    private interface StoredCheck {
        boolean matches(Document stored);
    }

    private TreeSet<Long> collect(Query query, StoredCheck check) {
        return read(() -> {
            IndexSearcher searcher = searchers.acquire();
            try {
                TreeSet<Long> uids = new TreeSet<>();
                searcher.search(query, new SimpleCollector() {
                    private NumericDocValues values;
                    private StoredFields stored;

                    @Override
                    protected void doSetNextReader(LeafReaderContext context) throws IOException {
                        values = context.reader().getNumericDocValues(UID);
                        stored = check == null ? null : context.reader().storedFields();
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if (check != null && !check.matches(stored.document(doc, STORED_FIELDS))) {
                            return;
                        }
                        if (values != null && values.advanceExact(doc)) {
                            uids.add(values.longValue());
                        }
                    }

                    @Override
                    public ScoreMode scoreMode() {
                        return ScoreMode.COMPLETE_NO_SCORES;
                    }
                });
                return uids;
            } finally {
                searchers.release(searcher);
            }
        });
    }

    private static boolean storedValueMatches(String stored, String name, Substring wanted) {
        if (stored == null) {
            return false;
        }
        int at = 0;
        while (at < stored.length()) {
            int nameEnd = stored.indexOf(NAME_END, at);
            int valueEnd = stored.indexOf(VALUE_END, nameEnd);
            if (nameEnd < 0 || valueEnd < 0) {
                return false;
            }
            if (stored.substring(at, nameEnd).equals(name) && wanted.foundIn(stored.substring(nameEnd + 1, valueEnd))) {
                return true;
            }
            at = valueEnd + 1;
        }
        return false;
    }

    private static void addGrams(Document document, String field, String text) {
        document.add(new Field(field, text, GRAMS));
    }

    private static String key(String mailbox, long uid) {
        return mailbox + "/" + uid;
    }

    private static FieldType gramsType() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(false);
        type.setOmitNorms(true);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.freeze();
        return type;
    }

    private interface Write {
        void to(IndexWriter writer) throws IOException;
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private void write(Write write) {
        read(() -> {
            write.to(writer);
            return null;
        });
    }

    private <T> T read(Read<T> read) {
        opening.readLock().lock();
        try {
            return read.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            opening.readLock().unlock();
        }
    }
}
