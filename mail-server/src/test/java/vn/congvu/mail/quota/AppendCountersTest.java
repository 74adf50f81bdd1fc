package vn.congvu.mail.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.mail.Flags;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.jpa.mail.model.openjpa.JPAMailboxMessage;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.storage.jdbc.JpaDataSource;
import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.testing.EmbeddedJpaStore;

/**
 * What an append counts, on James' JPA tables in an embedded Derby: the UID and MODSEQ a message takes
 * ({@link MailboxSequences}) and the account's current quota ({@link CachedCurrentQuotaManager}), both
 * changed by many threads at once as deliveries to one account do; the quota usage kept in memory is in the table
 * after a clean stop and counted again from the messages after a crash.
 */
class AppendCountersTest {
    private static final int THREADS = 8;
    private static final int EACH = 50;
    private static final byte[] MESSAGE = "From: van.thu@example.gov.vn\r\nSubject: test\r\n\r\nNoi dung.\r\n"
        .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private EntityManagerFactory factory;
    private Path marker;

    @BeforeEach
    void openDatabase() {
        factory = EmbeddedJpaStore.open(directory);
        marker = directory.resolve("quota-usage.running");
    }

    @AfterEach
    void closeDatabase() {
        factory.close();
    }

    @Test
    void concurrentAppendsTakeEveryUidAndModSeqOnce() throws Exception {
        Mailbox inbox = mailbox("tran.van.a");
        MailboxSequences sequences = new MailboxSequences(factory);
        List<MailboxSequences.Next> taken = inParallel(() -> sequences.next(inbox, null));

        TreeSet<Long> uids = new TreeSet<>();
        TreeSet<Long> modSeqs = new TreeSet<>();
        for (MailboxSequences.Next next : taken) {
            uids.add(next.uid().asLong());
            modSeqs.add(next.modSeq().asLong());
        }
        assertEquals(THREADS * EACH, uids.size(), "no UID given twice");
        assertEquals(THREADS * EACH, modSeqs.size(), "no MODSEQ given twice");
        assertEquals(1L, uids.first());
        assertEquals((long) THREADS * EACH, uids.last(), "no UID skipped");

        // James reads them back from the mailbox row (UIDNEXT, HIGHESTMODSEQ) through its own providers.
        assertEquals(MessageUid.of(THREADS * EACH), new JPAUidProvider(factory).lastUid(inbox).orElseThrow());
        assertEquals(ModSeq.of(THREADS * EACH), new JPAModSeqProvider(factory).highestModSeq(inbox));
    }

    @Test
    void jamesProvidersAndOursCountOnTheSameRow() throws Exception {
        // COPY and MOVE still take their UID and MODSEQ through James' providers.
        Mailbox inbox = mailbox("pham.van.c");
        MailboxSequences sequences = new MailboxSequences(factory);
        assertEquals(new MailboxSequences.Next(MessageUid.of(1), ModSeq.of(1)), sequences.next(inbox, null));
        assertEquals(MessageUid.of(2), new JPAUidProvider(factory).nextUid(inbox));
        assertEquals(ModSeq.of(2), new JPAModSeqProvider(factory).nextModSeq(inbox));
        assertEquals(new MailboxSequences.Next(MessageUid.of(3), ModSeq.of(3)), sequences.next(inbox, null));
    }

    @Test
    void insideAnAppendsTransactionTheCountersCommitOrRollBackWithIt() throws Exception {
        Mailbox inbox = mailbox("vo.thi.d");
        MailboxSequences sequences = new MailboxSequences(factory);
        EntityManager append = factory.createEntityManager();
        try {
            append.getTransaction().begin();
            assertEquals(new MailboxSequences.Next(MessageUid.of(1), ModSeq.of(1)), sequences.next(inbox, append));
            append.getTransaction().rollback();
            assertEquals(new MailboxSequences.Next(MessageUid.of(1), ModSeq.of(1)), sequences.next(inbox, null),
                "an append that failed gave nothing away");

            append.getTransaction().begin();
            assertEquals(new MailboxSequences.Next(MessageUid.of(2), ModSeq.of(2)), sequences.next(inbox, append));
            append.getTransaction().commit();
        } finally {
            append.close();
        }
        assertEquals(MessageUid.of(2), new JPAUidProvider(factory).lastUid(inbox).orElseThrow());
    }

    @Test
    void aMailboxDeletedMeanwhileIsNotFound() {
        Mailbox gone = new Mailbox(MailboxPath.inbox(Username.of("khong.con@example.gov.vn")), UidValidity.of(7),
            JPAId.of(987654));
        assertThrows(MailboxNotFoundException.class, () -> new MailboxSequences(factory).next(gone, null));
    }

    @Test
    void concurrentQuotaChangesAreAllCounted() throws Exception {
        CachedCurrentQuotaManager quotas = quotaManager();
        QuotaRoot root = QuotaRoot.quotaRoot("#private&le.thi.b@example.gov.vn", Optional.empty());
        assertEquals(CurrentQuotas.emptyQuotas(), quotas.getCurrentQuotas(root).block(), "no row yet");

        // The first changes race to create the row: each must still be counted.
        inParallel(() -> quotas.increase(new QuotaOperation(root, QuotaCountUsage.count(1), QuotaSizeUsage.size(20_000))).block());
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(THREADS * EACH), QuotaSizeUsage.size(THREADS * EACH * 20_000L)),
            quotas.getCurrentQuotas(root).block());

        quotas.decrease(new QuotaOperation(root, QuotaCountUsage.count(3), QuotaSizeUsage.size(60_000))).block();
        assertEquals(QuotaCountUsage.count(THREADS * EACH - 3), quotas.getCurrentMessageCount(root).block());
        assertEquals(QuotaSizeUsage.size((THREADS * EACH - 3) * 20_000L), quotas.getCurrentStorage(root).block());

        quotas.setCurrentQuotas(new QuotaOperation(root, QuotaCountUsage.count(5), QuotaSizeUsage.size(100))).block();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(5), QuotaSizeUsage.size(100)), quotas.getCurrentQuotas(root).block());
        quotas.stop();
        assertEquals(List.of(5L, 100L), stored(root), "in the table after a stop");
    }

    @Test
    void aRootWithoutARowGetsOneFromAnyChange() throws Exception {
        CachedCurrentQuotaManager quotas = quotaManager();
        QuotaRoot recomputed = QuotaRoot.quotaRoot("#private&vo.van.d@example.gov.vn", Optional.empty());
        quotas.setCurrentQuotas(new QuotaOperation(recomputed, QuotaCountUsage.count(12), QuotaSizeUsage.size(3_400))).block();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(12), QuotaSizeUsage.size(3_400)), quotas.getCurrentQuotas(recomputed).block());

        // As James' manager: a decrease on an account never counted is stored as it comes.
        QuotaRoot uncounted = QuotaRoot.quotaRoot("#private&ngo.thi.e@example.gov.vn", Optional.empty());
        quotas.decrease(new QuotaOperation(uncounted, QuotaCountUsage.count(1), QuotaSizeUsage.size(500))).block();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(-1), QuotaSizeUsage.size(-500)), quotas.getCurrentQuotas(uncounted).block());
    }

    private CachedCurrentQuotaManager quotaManager() throws Exception {
        return new CachedCurrentQuotaManager(factory, marker, AppendCountersTest::rootOf);
    }

    /** The count and size stored in James' table for {@code root}, empty without a row. */
    private List<Long> stored(QuotaRoot root) throws Exception {
        try (Connection connection = JpaDataSource.of(factory).getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE"
                 + " FROM JAMES_QUOTA_CURRENTQUOTA WHERE CURRENTQUOTA_QUOTAROOT = ?")) {
            read.setString(1, root.getValue());
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? List.of(row.getLong(1), row.getLong(2)) : List.of();
            }
        }
    }

    private void deliver(Mailbox mailbox, int messages) throws Exception {
        JPAMessageMapper mapper = new JPAMessageMapper(new JPAUidProvider(factory), new JPAModSeqProvider(factory), factory);
        for (int i = 0; i < messages; i++) {
            EntityManager entityManager = factory.createEntityManager();
            JPAMailbox row = entityManager.find(JPAMailbox.class, ((JPAId) mailbox.getMailboxId()).getRawId());
            entityManager.close();
            PropertyBuilder properties = new PropertyBuilder();
            properties.setMediaType("text");
            properties.setSubType("plain");
            JPAMailboxMessage message = new JPAMailboxMessage(row, new Date(), MESSAGE.length, new Flags(),
                new ByteContent(MESSAGE), MESSAGE.length - 11, properties);
            mapper.execute(() -> mapper.add(mailbox, message));
        }
        mapper.endRequest();
    }

    private static QuotaOperation operation(QuotaRoot root, long count, long size) {
        return new QuotaOperation(root, QuotaCountUsage.count(count), QuotaSizeUsage.size(size));
    }

    @Test
    void usageIsInTheTableAfterACleanStopAndCountedAgainFromTheMessagesAfterACrash() throws Exception {
        QuotaRoot a = root("tran.van.a");
        QuotaRoot b = root("le.thi.b");
        deliver(EmbeddedJpaStore.inbox(factory, "tran.van.a"), 3);

        CachedCurrentQuotaManager first = quotaManager();
        assertTrue(Files.exists(marker), "marked as running");
        first.increase(operation(a, 3, 3L * MESSAGE.length)).block();
        first.increase(operation(b, 1, 500)).block();
        first.stop();
        assertFalse(Files.exists(marker), "a clean stop removes the mark");
        assertEquals(List.of(3L, 3L * MESSAGE.length), stored(a));

        CachedCurrentQuotaManager second = quotaManager();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(3), QuotaSizeUsage.size(3L * MESSAGE.length)),
            second.getCurrentQuotas(a).block(), "read back from the table");
        second.increase(operation(a, 40, 40_000)).block(); // wrong figures, as a change lost in a crash leaves them
        second.write();
        second.halt(); // the process dies: no stop, the mark stays

        CachedCurrentQuotaManager third = quotaManager();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(3), QuotaSizeUsage.size(3L * MESSAGE.length)),
            third.getCurrentQuotas(a).block(), "counted from the messages");
        assertEquals(List.of(3L, 3L * MESSAGE.length), stored(a));
        assertEquals(CurrentQuotas.emptyQuotas(), third.getCurrentQuotas(b).block(), "b has no message");
        assertEquals(List.of(0L, 0L), stored(b));
        third.stop();
    }

    /** As James' DefaultUserQuotaRootResolver names an account's root. */
    private static QuotaRoot rootOf(Username user) {
        return QuotaRoot.quotaRoot("#private&" + user.asString(), user.getDomainPart());
    }

    private static QuotaRoot root(String user) {
        return rootOf(Username.of(user + "@example.gov.vn"));
    }

    private Mailbox mailbox(String user) {
        return EmbeddedJpaStore.inbox(factory, user);
    }

    private static <T> List<T> inParallel(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS * EACH; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
