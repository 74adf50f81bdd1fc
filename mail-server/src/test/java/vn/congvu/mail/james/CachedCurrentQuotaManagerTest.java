package vn.congvu.mail.james;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Date;
import java.util.List;

import javax.mail.Flags;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.jpa.mail.model.openjpa.JPAMailboxMessage;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quota usage kept in memory: in the table after a clean stop, counted again from the messages after a crash. */
class CachedCurrentQuotaManagerTest {
    private static final byte[] MESSAGE = "From: van.thu@example.gov.vn\r\nSubject: test\r\n\r\nNoi dung.\r\n"
        .getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private EntityManagerFactory factory;

    @BeforeEach
    void openDatabase() {
        factory = EmbeddedJpaStore.open(directory);
    }

    @AfterEach
    void closeDatabase() {
        factory.close();
    }

    private Path marker() {
        return directory.resolve("quota-usage.running");
    }

    private CachedCurrentQuotaManager start() throws Exception {
        return new CachedCurrentQuotaManager(factory, marker(), CachedCurrentQuotaManagerTest::root);
    }

    private static QuotaRoot root(Username user) {
        return QuotaRoot.quotaRoot("#private&" + user.asString(), user.getDomainPart());
    }

    private static QuotaRoot root(String user) {
        return root(Username.of(user + "@example.gov.vn"));
    }

    /** The count and size stored in James' table for {@code root}, empty without a row. */
    static List<Long> stored(EntityManagerFactory factory, QuotaRoot root) throws Exception {
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

        CachedCurrentQuotaManager first = start();
        assertTrue(Files.exists(marker()), "marked as running");
        first.increase(operation(a, 3, 3L * MESSAGE.length)).block();
        first.increase(operation(b, 1, 500)).block();
        first.stop();
        assertFalse(Files.exists(marker()), "a clean stop removes the mark");
        assertEquals(List.of(3L, 3L * MESSAGE.length), stored(factory, a));

        CachedCurrentQuotaManager second = start();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(3), QuotaSizeUsage.size(3L * MESSAGE.length)),
            second.getCurrentQuotas(a).block(), "read back from the table");
        second.increase(operation(a, 40, 40_000)).block(); // wrong figures, as a change lost in a crash leaves them
        second.write();
        second.halt(); // the process dies: no stop, the mark stays

        CachedCurrentQuotaManager third = start();
        assertEquals(new CurrentQuotas(QuotaCountUsage.count(3), QuotaSizeUsage.size(3L * MESSAGE.length)),
            third.getCurrentQuotas(a).block(), "counted from the messages");
        assertEquals(List.of(3L, 3L * MESSAGE.length), stored(factory, a));
        assertEquals(CurrentQuotas.emptyQuotas(), third.getCurrentQuotas(b).block(), "b has no message");
        assertEquals(List.of(0L, 0L), stored(factory, b));
        third.stop();
    }
}
