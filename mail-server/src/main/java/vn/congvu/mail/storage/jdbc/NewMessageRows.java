package vn.congvu.mail.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.OptionalLong;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.Property;

/**
 * Writes an appended message into James' JPA tables (the message row, its MIME properties, its user flags) with
 * plain statements on the append's own connection. OpenJPA persisting the entity took a fifth of a delivery's CPU
 * on top of Derby's own insert (state managers, flush planning, a find of the mailbox entity), all of it inside
 * James' per-mailbox lock, where every other delivery to the same INBOX waits. The rows are exactly those
 * OpenJPA writes, so James' entities and {@link vn.congvu.mail.storage.read.StoredMessages} read them
 * alike.
 */
public class NewMessageRows {
    private static final String MESSAGE = "INSERT INTO JAMES_MAIL (MAILBOX_ID, MAIL_UID, MAIL_MODSEQ, MAIL_DATE,"
        + " MAIL_IS_ANSWERED, MAIL_IS_DELETED, MAIL_IS_DRAFT, MAIL_IS_FLAGGED, MAIL_IS_RECENT, MAIL_IS_SEEN,"
        + " MAIL_BODY_START_OCTET, MAIL_CONTENT_OCTETS_COUNT, MAIL_MIME_TYPE, MAIL_MIME_SUBTYPE,"
        + " MAIL_TEXTUAL_LINE_COUNT, HEADER_BYTES, MAIL_BYTES) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PROPERTY = "INSERT INTO JAMES_MAIL_PROPERTY (PROPERTY_ID, MAILBOX_ID, MAIL_UID,"
        + " PROPERTY_LINE_NUMBER, PROPERTY_NAME_SPACE, PROPERTY_LOCAL_NAME, PROPERTY_VALUE) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String USER_FLAG = "INSERT INTO JAMES_MAIL_USERFLAG (USERFLAG_ID, MAILBOX_ID, MAIL_UID,"
        + " USERFLAG_NAME) VALUES (?, ?, ?, ?)";

    private final EntityIds ids;

    @Inject
    public NewMessageRows(EntityIds ids) {
        this.ids = ids;
    }

    /** The ids its property and user flag rows need, taken before the append's transaction; empty: let OpenJPA. */
    public OptionalLong reserveIds(MailboxMessage message) throws SQLException {
        int needed = message.getProperties().toProperties().size() + message.createFlags().getUserFlags().length;
        return needed == 0 ? OptionalLong.of(0) : ids.take(needed);
    }

    /** Inserts the message (UID and MODSEQ already set; \Recent is never stored, see {@link RecentMarks}). */
    public void insert(Connection connection, long mailboxId, MailboxMessage message, long firstId) throws SQLException {
        long uid = message.getUid().asLong();
        Flags flags = message.createFlags();
        long headerSize = message.getHeaderOctets();
        long bodySize = message.getBodyOctets();
        try (PreparedStatement row = connection.prepareStatement(MESSAGE);
             InputStream header = message.getHeaderContent();
             InputStream body = message.getBodyContent()) {
            row.setLong(1, mailboxId);
            row.setLong(2, uid);
            row.setLong(3, message.getModSeq().asLong());
            row.setTimestamp(4, new Timestamp(message.getInternalDate().getTime()));
            row.setBoolean(5, flags.contains(Flags.Flag.ANSWERED));
            row.setBoolean(6, flags.contains(Flags.Flag.DELETED));
            row.setBoolean(7, flags.contains(Flags.Flag.DRAFT));
            row.setBoolean(8, flags.contains(Flags.Flag.FLAGGED));
            row.setBoolean(9, false);
            row.setBoolean(10, flags.contains(Flags.Flag.SEEN));
            row.setInt(11, Math.toIntExact(headerSize));
            row.setLong(12, message.getFullContentOctets());
            row.setString(13, message.getMediaType());
            row.setString(14, message.getSubType());
            if (message.getTextualLineCount() == null) {
                row.setNull(15, Types.BIGINT);
            } else {
                row.setLong(15, message.getTextualLineCount());
            }
            row.setBinaryStream(16, header, headerSize);
            row.setBinaryStream(17, body, bodySize);
            row.executeUpdate();
        } catch (IOException e) {
            throw new SQLException("Reading the content of message " + uid + " failed", e);
        }
        long id = firstId;
        List<Property> properties = message.getProperties().toProperties();
        if (!properties.isEmpty()) {
            try (PreparedStatement row = connection.prepareStatement(PROPERTY)) {
                for (int line = 0; line < properties.size(); line++) {
                    Property property = properties.get(line);
                    row.setLong(1, id++);
                    row.setLong(2, mailboxId);
                    row.setLong(3, uid);
                    row.setInt(4, line);
                    row.setString(5, property.getNamespace());
                    row.setString(6, property.getLocalName());
                    row.setString(7, property.getValue());
                    row.executeUpdate();
                }
            }
        }
        String[] userFlags = flags.getUserFlags();
        if (userFlags.length > 0) {
            try (PreparedStatement row = connection.prepareStatement(USER_FLAG)) {
                for (String name : userFlags) {
                    row.setLong(1, id++);
                    row.setLong(2, mailboxId);
                    row.setLong(3, uid);
                    row.setString(4, name);
                    row.executeUpdate();
                }
            }
        }
    }
}
