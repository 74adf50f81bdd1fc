package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import javax.sql.DataSource;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.Mailbox;

/**
 * The UID and MODSEQ of a message appended to a mailbox, both taken from the mailbox row in one transaction.
 * James' JPA providers take each in a transaction of its own (an EntityManager, a find, a merge, a commit):
 * two synchronous Derby log writes per delivered message inside James' per-mailbox lock, where every other
 * delivery to that mailbox waits. The database does the increments, so they stay atomic next to James' own
 * providers (COPY and MOVE still use them, under the same lock).
 */
public class MailboxSequences {
    private static final String TAKE = "UPDATE JAMES_MAILBOX SET MAILBOX_LAST_UID = MAILBOX_LAST_UID + ?,"
        + " MAILBOX_HIGHEST_MODSEQ = MAILBOX_HIGHEST_MODSEQ + ? WHERE MAILBOX_ID = ?";
    private static final String TAKE_MODSEQ = "UPDATE JAMES_MAILBOX SET MAILBOX_HIGHEST_MODSEQ = MAILBOX_HIGHEST_MODSEQ + 1"
        + " WHERE MAILBOX_ID = ?";
    private static final String READ = "SELECT MAILBOX_LAST_UID, MAILBOX_HIGHEST_MODSEQ FROM JAMES_MAILBOX WHERE MAILBOX_ID = ?";

    private final DataSource dataSource;

    /** What a new message of the mailbox gets. */
    public record Next(MessageUid uid, ModSeq modSeq) {
    }

    @Inject
    public MailboxSequences(EntityManagerFactory entityManagerFactory) {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
    }

    /**
     * Inside {@code transaction} (the append's, when there is one): the counters are then committed with the
     * message row, one synchronous log write per delivery instead of two, and the mailbox row stays locked until
     * that commit, so UIDs become visible in the order they were given.
     */
    public Next next(Mailbox mailbox, EntityManager transaction) throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        Next next;
        try {
            next = transaction == null
                ? JpaDataSource.inTransaction(dataSource, connection -> take(connection, mailboxId))
                : JpaDataSource.inEntityManagerTransaction(transaction, connection -> take(connection, mailboxId));
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Taking the next UID and MODSEQ of mailbox " + mailboxId + " failed", e);
        }
        if (next == null) {
            throw new MailboxNotFoundException(mailbox.getMailboxId());
        }
        return next;
    }

    /** Null if the mailbox row is gone (deleted while a message was on its way to it). */
    public static Next take(Connection connection, long mailboxId) throws SQLException {
        return take(connection, mailboxId, 1);
    }

    /**
     * The first of {@code count} consecutive UIDs and MODSEQs (the others follow it one by one), in one statement;
     * null if the mailbox row is gone.
     */
    public static Next take(Connection connection, long mailboxId, int count) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setLong(1, count);
            take.setLong(2, count);
            take.setLong(3, mailboxId);
            if (take.executeUpdate() != 1) {
                return null;
            }
        }
        Next last = last(connection, mailboxId);
        return new Next(MessageUid.of(last.uid().asLong() - count + 1), ModSeq.of(last.modSeq().asLong() - count + 1));
    }

    /** The mailbox's highest UID and MODSEQ given so far. */
    private static Next last(Connection connection, long mailboxId) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ)) {
            read.setLong(1, mailboxId);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return new Next(MessageUid.of(row.getLong(1)), ModSeq.of(row.getLong(2)));
            }
        }
    }

    /** The next MODSEQ alone (a flag change), in the caller's transaction; null if the mailbox row is gone. */
    public static ModSeq takeModSeq(Connection connection, long mailboxId) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE_MODSEQ)) {
            take.setLong(1, mailboxId);
            if (take.executeUpdate() != 1) {
                return null;
            }
        }
        return last(connection, mailboxId).modSeq();
    }
}
