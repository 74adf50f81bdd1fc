package vn.congvu.mail.storage.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.sql.DataSource;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.Property;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.openjpa.persistence.OpenJPAPersistence;

import vn.congvu.mail.storage.MailboxWriters;
import vn.congvu.mail.storage.jdbc.JpaDataSource;
import vn.congvu.mail.storage.jdbc.MessageIndexes;

/**
 * Messages read for IMAP (FETCH, SEARCH, the originals of COPY and MOVE) straight from James' JPA tables: one statement for the rows of a
 * UID range, with only the columns the fetch type needs, and one for their user flags. Through OpenJPA the same
 * read was an EntityManager, the query built anew, then a statement per collection: a third of a FETCH's CPU.
 * Read only: flag updates, expunge, appends and the writes of COPY/MOVE still go through James' JPA entities.
 * Inside a mapper transaction (SELECT's metadata transaction clears \Recent) the reads use its connection:
 * Derby readers wait for a writer's row locks, so a second connection would wait for a commit that waits for it.
 */
public class StoredMessages {
    private static final int READ_ATTEMPTS = 3;
    private static final String COLUMNS = "MAIL_UID, MAIL_MODSEQ, MAIL_DATE, MAIL_CONTENT_OCTETS_COUNT,"
        + " MAIL_BODY_START_OCTET, MAIL_MIME_TYPE, MAIL_MIME_SUBTYPE, MAIL_TEXTUAL_LINE_COUNT, MAIL_IS_ANSWERED,"
        + " MAIL_IS_DELETED, MAIL_IS_DRAFT, MAIL_IS_FLAGGED, MAIL_IS_RECENT, MAIL_IS_SEEN";
    private static final String IN_RANGE = " WHERE MAILBOX_ID = ? AND MAIL_UID BETWEEN ? AND ?";

    private final DataSource dataSource;

    @Inject
    public StoredMessages(EntityManagerFactory entityManagerFactory) {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
    }

    /** The messages of {@code range} in UID order, at most {@code max} of them (negative: all). */
    public List<MailboxMessage> read(Mailbox mailbox, MessageRange range, FetchType type, int max,
                                     Supplier<EntityManager> transaction) throws MailboxException {
        return read(mailbox.getMailboxId(), range, type, max, transaction);
    }

    /** As {@link #read(Mailbox, MessageRange, FetchType, int, Supplier)}, by the mailbox's id. */
    public List<MailboxMessage> read(MailboxId mailboxKey, MessageRange range, FetchType type, int max,
                                     Supplier<EntityManager> transaction) throws MailboxException {
        long mailboxId = ((JPAId) mailboxKey).getRawId();
        long from = range.getType() == MessageRange.Type.ALL ? 0 : range.getUidFrom().asLong();
        long to = range.getType() == MessageRange.Type.ALL || range.getType() == MessageRange.Type.FROM
            ? Long.MAX_VALUE : range.getUidTo().asLong();
        // Attachment metadata is parsed from the content, so only METADATA and HEADERS leave parts out.
        String content = type == FetchType.METADATA ? "" : type == FetchType.HEADERS ? ", HEADER_BYTES"
            : ", HEADER_BYTES, MAIL_BYTES";
        return withConnection(transaction.get(), "Reading messages " + range + " of mailbox " + mailboxId, connection -> {
            List<StoredMessage.Row> rows = new ArrayList<>();
            List<Flags> flags = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + content + " FROM JAMES_MAIL" + IN_RANGE + " ORDER BY MAIL_UID")) {
                statement.setLong(1, mailboxId);
                statement.setLong(2, from);
                statement.setLong(3, to);
                // Always set: a pooled statement keeps the limit of its previous use.
                statement.setMaxRows(Math.max(max, 0));
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(row(result, type));
                        flags.add(systemFlags(result));
                    }
                }
            }
            if (!rows.isEmpty()) {
                addUserFlags(connection, mailboxId, rows, flags);
            }
            List<MailboxMessage> messages = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                long uid = rows.get(i).uid;
                messages.add(new StoredMessage(rows.get(i), flags.get(i), mailboxKey,
                    () -> properties(mailboxId, uid, transaction), () -> parts(mailboxId, uid, transaction)));
            }
            return messages;
        });
    }

    /** Every UID of the mailbox, in order (SELECT and EXAMINE build their UID map from it), from the primary key. */
    public List<MessageUid> uids(Mailbox mailbox, Supplier<EntityManager> transaction) throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        return withConnection(transaction.get(), "Listing the UIDs of mailbox " + mailboxId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MAIL_UID FROM JAMES_MAIL WHERE MAILBOX_ID = ? ORDER BY MAIL_UID")) {
                statement.setLong(1, mailboxId);
                List<MessageUid> uids = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        uids.add(MessageUid.of(result.getLong(1)));
                    }
                }
                return uids;
            }
        });
    }

    /** The UIDs of {@code range} marked \\Deleted, in order (what an expunge removes). */
    public List<MessageUid> deletedUids(Mailbox mailbox, MessageRange range, Supplier<EntityManager> transaction)
            throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        long from = range.getType() == MessageRange.Type.ALL ? 0 : range.getUidFrom().asLong();
        long to = range.getType() == MessageRange.Type.ALL || range.getType() == MessageRange.Type.FROM
            ? Long.MAX_VALUE : range.getUidTo().asLong();
        return withConnection(transaction.get(), "Listing deleted messages of mailbox " + mailboxId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MAIL_UID FROM JAMES_MAIL" + IN_RANGE + " AND MAIL_IS_DELETED = ? ORDER BY MAIL_UID")) {
                statement.setLong(1, mailboxId);
                statement.setLong(2, from);
                statement.setLong(3, to);
                statement.setBoolean(4, true);
                List<MessageUid> uids = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        uids.add(MessageUid.of(result.getLong(1)));
                    }
                }
                return uids;
            }
        });
    }

    /** Messages and unseen messages, in one statement over the unseen index ({@link MessageIndexes}). */
    public MailboxCounters counters(Mailbox mailbox, Supplier<EntityManager> transaction) throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        return withConnection(transaction.get(), "Counting the messages of mailbox " + mailboxId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT MAIL_IS_SEEN, COUNT(*) FROM JAMES_MAIL WHERE MAILBOX_ID = ? GROUP BY MAIL_IS_SEEN")) {
                statement.setLong(1, mailboxId);
                long count = 0;
                long unseen = 0;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        boolean seen = result.getBoolean(1);
                        long rows = result.getLong(2);
                        count += rows;
                        unseen += seen ? 0 : rows;
                    }
                }
                return MailboxCounters.builder().mailboxId(mailbox.getMailboxId()).count(count).unseen(unseen).build();
            }
        });
    }

    /**
     * Runs the read on the transaction's connection (flushed first, as OpenJPA does before its own queries), or
     * else on a pooled connection of its own.
     */
    private <T> T withConnection(EntityManager transaction, String what, JpaDataSource.Work<T> reading) throws MailboxException {
        try {
            if (transaction != null) {
                transaction.flush();
                Connection connection = (Connection) OpenJPAPersistence.cast(transaction).getConnection();
                try {
                    return reading.run(connection);
                } finally {
                    connection.close(); // hands it back to the EntityManager, which keeps it for its transaction
                }
            }
            for (int attempt = 1; ; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    try {
                        return reading.run(connection);
                    } finally {
                        if (!connection.getAutoCommit()) {
                            connection.rollback();
                        }
                    }
                } catch (SQLException e) {
                    // A read the database chose as a deadlock's victim holds nothing: read again.
                    if (attempt == READ_ATTEMPTS || !MailboxWriters.isDeadlockVictim(e)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException(what + " failed", e);
        }
    }

    private static StoredMessage.Row row(ResultSet result, FetchType type) throws SQLException {
        StoredMessage.Row row = new StoredMessage.Row();
        row.uid = result.getLong(1);
        row.modSeq = result.getLong(2);
        row.internalDate = new Date(result.getTimestamp(3).getTime());
        row.size = result.getLong(4);
        row.bodyStart = result.getInt(5);
        row.mediaType = result.getString(6);
        row.subType = result.getString(7);
        long lines = result.getLong(8);
        row.textualLineCount = result.wasNull() ? null : lines;
        if (type != FetchType.METADATA) {
            row.header = result.getBytes(15);
        }
        if (type != FetchType.METADATA && type != FetchType.HEADERS) {
            row.body = result.getBytes(16);
        }
        return row;
    }

    private static Flags systemFlags(ResultSet result) throws SQLException {
        Flags flags = new Flags();
        Flags.Flag[] order = {Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED,
            Flags.Flag.RECENT, Flags.Flag.SEEN};
        for (int i = 0; i < order.length; i++) {
            if (result.getBoolean(9 + i)) {
                flags.add(order[i]);
            }
        }
        return flags;
    }

    private static void addUserFlags(Connection connection, long mailboxId, List<StoredMessage.Row> rows,
                                     List<Flags> flags) throws SQLException {
        Map<Long, Flags> byUid = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byUid.put(rows.get(i).uid, flags.get(i));
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT MAIL_UID, USERFLAG_NAME FROM JAMES_MAIL_USERFLAG"
                    + MessageIndexes.through(MessageIndexes.USERFLAGS_BY_MESSAGE) + IN_RANGE)) {
            statement.setLong(1, mailboxId);
            statement.setLong(2, rows.get(0).uid);
            statement.setLong(3, rows.get(rows.size() - 1).uid);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Flags messageFlags = byUid.get(result.getLong(1));
                    if (messageFlags != null) {
                        messageFlags.add(result.getString(2));
                    }
                }
            }
        }
    }

    /** Header and body of one message, for a message read without them. */
    private byte[][] parts(long mailboxId, long uid, Supplier<EntityManager> transaction) {
        try {
            return withConnection(transaction.get(), "Reading message " + uid + " of mailbox " + mailboxId, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT HEADER_BYTES, MAIL_BYTES FROM JAMES_MAIL WHERE MAILBOX_ID = ? AND MAIL_UID = ?")) {
                    statement.setLong(1, mailboxId);
                    statement.setLong(2, uid);
                    try (ResultSet result = statement.executeQuery()) {
                        if (!result.next()) {
                            throw new SQLException("Message " + uid + " of mailbox " + mailboxId + " is gone");
                        }
                        return new byte[][] {result.getBytes(1), result.getBytes(2)};
                    }
                }
            });
        } catch (MailboxException e) {
            // StoredMessage hands it on as the IOException its content accessors declare.
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** As the JPA entity builds them: the stored properties in line order. */
    private Properties properties(long mailboxId, long uid, Supplier<EntityManager> transaction) {
        try {
            return withConnection(transaction.get(), "Reading the MIME properties of message " + uid + " in mailbox "
                    + mailboxId, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT PROPERTY_NAME_SPACE, PROPERTY_LOCAL_NAME, PROPERTY_VALUE FROM JAMES_MAIL_PROPERTY"
                            + MessageIndexes.through(MessageIndexes.PROPERTIES_BY_MESSAGE)
                            + " WHERE MAILBOX_ID = ? AND MAIL_UID = ? ORDER BY PROPERTY_LINE_NUMBER")) {
                    statement.setLong(1, mailboxId);
                    statement.setLong(2, uid);
                    List<Property> properties = new ArrayList<>();
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            properties.add(new Property(result.getString(1), result.getString(2), result.getString(3)));
                        }
                    }
                    return new PropertyBuilder(properties).build();
                }
            });
        } catch (MailboxException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
