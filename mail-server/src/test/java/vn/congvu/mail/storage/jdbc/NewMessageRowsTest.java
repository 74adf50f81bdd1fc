package vn.congvu.mail.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.mail.Flags;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.jpa.mail.model.openjpa.JPAMailboxMessage;
import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.junit.jupiter.api.AfterEach;

import com.google.common.collect.ImmutableList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.storage.read.CachingMailboxMapper;
import vn.congvu.mail.storage.read.IndexedMessageMapper;
import vn.congvu.mail.storage.read.MailboxRows;
import vn.congvu.mail.storage.read.StoredMessages;
import vn.congvu.mail.testing.EmbeddedJpaStore;

/**
 * An appended message written with plain statements ({@link NewMessageRows}) is what OpenJPA would have written:
 * James' own entity mapper and our reader read it back whole, and the ids of its rows never meet those OpenJPA
 * gives out. Embedded Derby through the real persistence unit.
 */
class NewMessageRowsTest {
    private static final byte[] HEADER = ("From: van.thu@example.gov.vn\r\nTo: a@example.gov.vn\r\nSubject: =?UTF-8?B?VsSDbiBi4bqjbg==?=\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "Kính gửi đồng chí,\r\nnội dung văn bản.\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private EntityManagerFactory factory;
    private DataSource dataSource;

    @BeforeEach
    void openDatabase() {
        factory = EmbeddedJpaStore.open(directory);
        dataSource = JpaDataSource.of(factory);
    }

    @AfterEach
    void closeDatabase() {
        factory.close();
    }

    private IndexedMessageMapper ours() {
        return new IndexedMessageMapper(new JPAUidProvider(factory), new JPAModSeqProvider(factory), factory,
            new StoredMessages(factory), new MailboxSequences(factory), new NewMessageRows(new EntityIds(factory)),
            new MessageFlagRows(new EntityIds(factory)));
    }

    private JPAMessageMapper james() {
        return new JPAMessageMapper(new JPAUidProvider(factory), new JPAModSeqProvider(factory), factory);
    }

    private Mailbox mailbox(String user) {
        return EmbeddedJpaStore.inbox(factory, user);
    }

    private JPAMailboxMessage message(Mailbox mailbox, Flags flags) throws MailboxException {
        PropertyBuilder properties = new PropertyBuilder();
        properties.setMediaType("text");
        properties.setSubType("plain");
        properties.setCharset("UTF-8");
        properties.setContentTransferEncoding("8bit");
        properties.setTextualLineCount(2L);
        byte[] content = new byte[HEADER.length + BODY.length];
        System.arraycopy(HEADER, 0, content, 0, HEADER.length);
        System.arraycopy(BODY, 0, content, HEADER.length, BODY.length);
        EntityManager entityManager = factory.createEntityManager();
        try {
            JPAMailbox row = entityManager.find(JPAMailbox.class, ((JPAId) mailbox.getMailboxId()).getRawId());
            return new JPAMailboxMessage(row, new Date(1_765_000_000_000L), content.length, flags,
                new ByteContent(content), HEADER.length, properties);
        } finally {
            entityManager.close();
        }
    }

    /**
     * OpenJPA creates its sequence row on its first persist (until then appends go through OpenJPA): one message
     * appended by James' own mapper, as on any database that has received mail.
     */
    private void seed(Mailbox mailbox) throws Exception {
        JPAMessageMapper james = james();
        james.execute(() -> james.add(mailbox, message(mailbox, new Flags())));
        james.endRequest();
    }

    private static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void anAppendedMessageReadsBackWholeThroughJamesEntitiesAndOurReader() throws Exception {
        Mailbox inbox = mailbox("tran.van.a");
        seed(inbox);
        long sequence = count("SELECT SEQUENCE_VALUE FROM OPENJPA_SEQUENCE_TABLE");
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(Flags.Flag.FLAGGED);
        flags.add(Flags.Flag.RECENT);
        flags.add("$Important");
        IndexedMessageMapper mapper = ours();
        mapper.execute(() -> mapper.add(inbox, message(inbox, flags)));
        mapper.endRequest();
        assertEquals(sequence + 50, count("SELECT SEQUENCE_VALUE FROM OPENJPA_SEQUENCE_TABLE"),
            "our rows took their ids from a block of OpenJPA's sequence: the plain statements wrote them");

        JPAMessageMapper james = james();
        List<MailboxMessage> entities = new ArrayList<>();
        james.findInMailbox(inbox, MessageRange.one(MessageUid.of(2)), FetchType.FULL, -1).forEachRemaining(entities::add);
        IndexedMessageMapper reader = ours();
        List<MailboxMessage> read = reader.findInMailboxReactive(inbox, MessageRange.one(MessageUid.of(2)), FetchType.FULL, -1)
            .collectList().block();
        for (List<MailboxMessage> found : List.of(entities, read)) {
            assertEquals(1, found.size());
            MailboxMessage message = found.get(0);
            assertEquals(MessageUid.of(2), message.getUid());
            assertEquals(ModSeq.of(2), message.getModSeq());
            assertEquals(new Date(1_765_000_000_000L), message.getInternalDate());
            Flags stored = new Flags(flags);
            stored.remove(Flags.Flag.RECENT); // never a column: RecentMarks says which messages are recent
            assertEquals(stored, message.createFlags());
            assertArrayEquals(HEADER, bytes(message.getHeaderContent()));
            assertArrayEquals(BODY, bytes(message.getBodyContent()));
            assertEquals(HEADER.length + BODY.length, message.getFullContentOctets());
            assertEquals(HEADER.length, message.getHeaderOctets());
            assertEquals("text", message.getMediaType());
            assertEquals("plain", message.getSubType());
            assertEquals(2L, message.getTextualLineCount());
            assertEquals(message(inbox, flags).getProperties().toProperties(), message.getProperties().toProperties());
        }
        james.endRequest();
    }

    @Test
    void itsRowIdsNeverMeetThoseOpenJpaGivesOut() throws Exception {
        Mailbox inbox = mailbox("le.thi.b");
        for (int round = 0; round < 3; round++) {
            IndexedMessageMapper mapper = ours();
            for (int i = 0; i < 30; i++) {
                mapper.execute(() -> mapper.add(inbox, message(inbox, new Flags("$Label"))));
            }
            mapper.endRequest();
            // James' own mapper: OpenJPA takes the property and flag ids from its block of the same sequence.
            JPAMessageMapper james = james();
            for (int i = 0; i < 30; i++) {
                james.execute(() -> james.add(inbox, message(inbox, new Flags("$Label"))));
            }
            james.endRequest();
        }
        long properties = count("SELECT COUNT(*) FROM JAMES_MAIL_PROPERTY");
        long flags = count("SELECT COUNT(*) FROM JAMES_MAIL_USERFLAG");
        assertEquals(180 * message(inbox, new Flags()).getProperties().toProperties().size(), properties);
        assertEquals(180, flags);
        // round 0 of ours went through OpenJPA (no sequence row yet); rounds 1 and 2 through the plain statements
        assertEquals(properties + flags, count("SELECT COUNT(DISTINCT ID) FROM (SELECT PROPERTY_ID AS ID FROM"
            + " JAMES_MAIL_PROPERTY UNION ALL SELECT USERFLAG_ID AS ID FROM JAMES_MAIL_USERFLAG) AS IDS"), "no id given twice");
        assertEquals(180, count("SELECT COUNT(DISTINCT MAIL_UID) FROM JAMES_MAIL"));
    }

    @Test
    void anAppendToAMailboxDeletedMeanwhileIsNotFoundAndWritesNothing() throws Exception {
        Mailbox inbox = mailbox("hoang.van.e");
        seed(inbox);
        JPAMailboxMessage message = message(inbox, new Flags());
        Mailbox gone = new Mailbox(MailboxPath.inbox(Username.of("khong.con@example.gov.vn")), UidValidity.of(7), JPAId.of(987654));
        IndexedMessageMapper mapper = ours();
        assertThrows(MailboxNotFoundException.class, () -> mapper.execute(() -> mapper.add(gone, message)));
        mapper.endRequest();
        assertEquals(0, count("SELECT COUNT(*) FROM JAMES_MAIL WHERE MAILBOX_ID = 987654"));
    }

    @Test
    void aFailedAppendLeavesNoRowAndNoUidTaken() throws Exception {
        Mailbox inbox = mailbox("pham.van.c");
        seed(inbox);
        IndexedMessageMapper mapper = ours();
        assertThrows(IllegalStateException.class, () -> mapper.execute(() -> {
            mapper.add(inbox, message(inbox, new Flags()));
            throw new IllegalStateException("the mail could not be delivered after all");
        }));
        mapper.endRequest();
        assertEquals(1, count("SELECT COUNT(*) FROM JAMES_MAIL"), "only the seed");
        assertEquals(message(inbox, new Flags()).getProperties().toProperties().size(),
            count("SELECT COUNT(*) FROM JAMES_MAIL_PROPERTY"));
        IndexedMessageMapper again = ours();
        assertEquals(MessageUid.of(2), again.execute(() -> again.add(inbox, message(inbox, new Flags()))).getUid());
        again.endRequest();
    }

    @Test
    void aFlagChangeWritesItsKeywordRowsAndOneModSeq() throws Exception {
        Mailbox inbox = mailbox("ngo.van.f");
        seed(inbox);
        Flags kept = new Flags("$Cu");
        IndexedMessageMapper mapper = ours();
        mapper.execute(() -> mapper.add(inbox, message(inbox, kept)));
        mapper.endRequest();
        Flags asked = new Flags(Flags.Flag.SEEN);
        asked.add("$Moi");
        IndexedMessageMapper store = ours();
        List<UpdatedFlags> updated = store.execute(() -> ImmutableList.copyOf(store.updateFlags(inbox,
            new FlagsUpdateCalculator(asked, MessageManager.FlagsUpdateMode.REPLACE), MessageRange.range(MessageUid.of(1), MessageUid.of(2)))));
        store.endRequest();
        assertEquals(2, updated.size());
        assertEquals(ModSeq.of(3), updated.get(0).getModSeq(), "one MODSEQ for the whole change, after the two appends");
        assertEquals(ModSeq.of(3), updated.get(1).getModSeq());
        assertEquals(kept, updated.get(1).getOldFlags());
        assertEquals(asked, updated.get(1).getNewFlags());
        assertEquals(2, count("SELECT COUNT(*) FROM JAMES_MAIL_USERFLAG WHERE USERFLAG_NAME = '$Moi'"));
        assertEquals(0, count("SELECT COUNT(*) FROM JAMES_MAIL_USERFLAG WHERE USERFLAG_NAME = '$Cu'"));
        assertEquals(2, count("SELECT COUNT(*) FROM JAMES_MAIL WHERE MAIL_IS_SEEN = 1 AND MAIL_MODSEQ = 3"));
        IndexedMessageMapper reader = ours();
        assertEquals(asked, reader.findInMailboxReactive(inbox, MessageRange.one(MessageUid.of(2)), FetchType.METADATA, -1)
            .blockFirst().createFlags());
    }

    @Test
    void anExpungeAndAMailboxDeletionLeaveNoRowOfTheirMessages() throws Exception {
        Mailbox inbox = mailbox("ly.thi.g");
        seed(inbox);
        IndexedMessageMapper mapper = ours();
        for (int i = 0; i < 3; i++) {
            mapper.execute(() -> mapper.add(inbox, message(inbox, new Flags("$Nhan"))));
        }
        mapper.endRequest();
        IndexedMessageMapper expunge = ours();
        Map<MessageUid, MessageMetaData> deleted = expunge.execute(() -> expunge.deleteMessages(inbox,
            List.of(MessageUid.of(2), MessageUid.of(3))));
        expunge.endRequest();
        assertEquals(List.of(MessageUid.of(2), MessageUid.of(3)), deleted.keySet().stream().sorted().toList());
        assertEquals(HEADER.length + BODY.length, deleted.get(MessageUid.of(2)).getSize(), "the event's quota change");
        assertEquals(1, count("SELECT COUNT(*) FROM JAMES_MAIL_USERFLAG"), "message 4's keyword only");
        long propertiesOfOne = message(inbox, new Flags()).getProperties().toProperties().size();
        assertEquals(2 * propertiesOfOne, count("SELECT COUNT(*) FROM JAMES_MAIL_PROPERTY"), "the seed's and message 4's");

        CachingMailboxMapper mailboxes = new CachingMailboxMapper(factory, new MailboxRows());
        mailboxes.execute(() -> mailboxes.delete(inbox).block());
        mailboxes.endRequest();
        assertEquals(0, count("SELECT COUNT(*) FROM JAMES_MAIL"));
        assertEquals(0, count("SELECT COUNT(*) FROM JAMES_MAIL_USERFLAG"), "Derby has no cascading key to remove them");
        assertEquals(0, count("SELECT COUNT(*) FROM JAMES_MAIL_PROPERTY"));
    }
}
