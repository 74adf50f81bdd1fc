package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

/**
 * Flag changes and expunges written to James' JPA tables with plain statements, in the caller's transaction.
 * James loaded each message as an entity (with its properties and keywords), took the MODSEQ in a transaction and
 * commit of its own, then let OpenJPA write the rows: a one-message STORE cost two commits and a dozen queries,
 * all while the mailbox's other writers waited. The rows written are the ones OpenJPA writes.
 */
public class MessageFlagRows {
    private static final String FLAGS = "UPDATE JAMES_MAIL SET MAIL_IS_ANSWERED = ?, MAIL_IS_DELETED = ?, MAIL_IS_DRAFT = ?,"
        + " MAIL_IS_FLAGGED = ?, MAIL_IS_RECENT = ?, MAIL_IS_SEEN = ?, MAIL_MODSEQ = ? WHERE MAILBOX_ID = ? AND MAIL_UID = ?";
    private static final String ADD_KEYWORD = "INSERT INTO JAMES_MAIL_USERFLAG (USERFLAG_ID, MAILBOX_ID, MAIL_UID, USERFLAG_NAME)"
        + " VALUES (?, ?, ?, ?)";
    private static final String KEYWORD_ROW = "SELECT USERFLAG_ID FROM JAMES_MAIL_USERFLAG"
        + MessageIndexes.through(MessageIndexes.USERFLAGS_BY_MESSAGE) + " WHERE MAILBOX_ID = ? AND MAIL_UID = ? AND USERFLAG_NAME = ?";
    /**
     * A message's own rows, found through their index and deleted by their key: Derby's DELETE takes no index
     * hint and scanned (and locked) the whole table for a range. Keywords and MIME properties before the message.
     */
    private static final List<String[]> MESSAGE_ROWS = List.of(
        new String[] {"JAMES_MAIL_USERFLAG", "USERFLAG_ID", MessageIndexes.USERFLAGS_BY_MESSAGE},
        new String[] {"JAMES_MAIL_PROPERTY", "PROPERTY_ID", MessageIndexes.PROPERTIES_BY_MESSAGE});

    private final EntityIds ids;

    @Inject
    public MessageFlagRows(EntityIds ids) {
        this.ids = ids;
    }

    /** A message's flags before and after a change. */
    public record Change(MailboxMessage message, Flags before, Flags after) {
        public boolean changed() {
            return UpdatedFlags.flagsChanged(before, after);
        }
    }

    public static List<Change> changes(List<MailboxMessage> messages, FlagsUpdateCalculator calculator) {
        List<Change> changes = new ArrayList<>(messages.size());
        for (MailboxMessage message : messages) {
            Flags before = message.createFlags();
            changes.add(new Change(message, before, calculator.buildNewFlags(before)));
        }
        return changes;
    }

    /** The keyword rows the changes add; null ids mean OpenJPA has not created its id sequence yet. */
    public Long reserveKeywordIds(List<Change> changes) throws SQLException {
        int added = changes.stream().mapToInt(change -> added(change).size()).sum();
        if (added == 0) {
            return 0L;
        }
        var first = ids.take(added);
        return first.isPresent() ? first.getAsLong() : null;
    }

    /**
     * Writes the changed messages with {@code modSeq} (one for the whole change, as James gives) and returns what
     * changed for every message, unchanged ones with their own MODSEQ.
     */
    public List<UpdatedFlags> write(Connection connection, long mailboxId, List<Change> changes, ModSeq modSeq, long firstKeywordId)
            throws SQLException {
        List<UpdatedFlags> updated = new ArrayList<>(changes.size());
        long keywordId = firstKeywordId;
        try (PreparedStatement flags = connection.prepareStatement(FLAGS);
             PreparedStatement add = connection.prepareStatement(ADD_KEYWORD);
             PreparedStatement keywordRow = connection.prepareStatement(KEYWORD_ROW);
             PreparedStatement remove = connection.prepareStatement("DELETE FROM JAMES_MAIL_USERFLAG WHERE USERFLAG_ID = ?")) {
            for (Change change : changes) {
                MailboxMessage message = change.message();
                long uid = message.getUid().asLong();
                if (!change.changed()) {
                    updated.add(updatedFlags(change, message.getModSeq()));
                    continue;
                }
                Flags after = change.after();
                flags.setBoolean(1, after.contains(Flags.Flag.ANSWERED));
                flags.setBoolean(2, after.contains(Flags.Flag.DELETED));
                flags.setBoolean(3, after.contains(Flags.Flag.DRAFT));
                flags.setBoolean(4, after.contains(Flags.Flag.FLAGGED));
                flags.setBoolean(5, after.contains(Flags.Flag.RECENT));
                flags.setBoolean(6, after.contains(Flags.Flag.SEEN));
                flags.setLong(7, modSeq.asLong());
                flags.setLong(8, mailboxId);
                flags.setLong(9, uid);
                flags.executeUpdate();
                for (String keyword : added(change)) {
                    add.setLong(1, keywordId++);
                    add.setLong(2, mailboxId);
                    add.setLong(3, uid);
                    add.setString(4, keyword);
                    add.executeUpdate();
                }
                for (String keyword : removed(change)) {
                    keywordRow.setLong(1, mailboxId);
                    keywordRow.setLong(2, uid);
                    keywordRow.setString(3, keyword);
                    deleteByKey(remove, ids(keywordRow));
                }
                updated.add(updatedFlags(change, modSeq));
            }
        }
        return updated;
    }

    /** Deletes the messages of {@code range} and everything that belongs to them. */
    public static void delete(Connection connection, long mailboxId, MessageRange range) throws SQLException {
        for (String[] rows : MESSAGE_ROWS) {
            try (PreparedStatement find = connection.prepareStatement("SELECT " + rows[1] + " FROM " + rows[0]
                    + MessageIndexes.through(rows[2]) + " WHERE MAILBOX_ID = ? AND MAIL_UID BETWEEN ? AND ?");
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM " + rows[0] + " WHERE " + rows[1] + " = ?")) {
                find.setLong(1, mailboxId);
                find.setLong(2, range.getUidFrom().asLong());
                find.setLong(3, range.getUidTo().asLong());
                deleteByKey(delete, ids(find));
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM JAMES_MAIL WHERE MAILBOX_ID = ? AND MAIL_UID BETWEEN ? AND ?")) {
            delete.setLong(1, mailboxId);
            delete.setLong(2, range.getUidFrom().asLong());
            delete.setLong(3, range.getUidTo().asLong());
            delete.executeUpdate();
        }
    }

    private static List<Long> ids(PreparedStatement find) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet found = find.executeQuery()) {
            while (found.next()) {
                ids.add(found.getLong(1));
            }
        }
        return ids;
    }

    private static void deleteByKey(PreparedStatement delete, List<Long> ids) throws SQLException {
        for (long id : ids) {
            delete.setLong(1, id);
            delete.addBatch();
        }
        if (!ids.isEmpty()) {
            delete.executeBatch();
        }
    }

    private static UpdatedFlags updatedFlags(Change change, ModSeq modSeq) {
        return UpdatedFlags.builder()
            .uid(change.message().getUid())
            .messageId(change.message().getMessageId())
            .modSeq(modSeq)
            .oldFlags(change.before())
            .newFlags(change.after())
            .build();
    }

    private static Set<String> added(Change change) {
        Set<String> keywords = new TreeSet<>(List.of(change.after().getUserFlags()));
        keywords.removeAll(List.of(change.before().getUserFlags()));
        return keywords;
    }

    private static Set<String> removed(Change change) {
        Set<String> keywords = new TreeSet<>(List.of(change.before().getUserFlags()));
        keywords.removeAll(List.of(change.after().getUserFlags()));
        return keywords;
    }
}
