package vn.congvu.mail.storage.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

/**
 * Per-mailbox \Recent mark: messages with a UID above it are recent for the next session that selects the
 * mailbox, which moves the mark to the highest UID (one row written, however big the mailbox). Replaces
 * James' per-message \Recent column, whose clearing on a first SELECT updated every row (and 3 indexes):
 * 4.75 s for a 20,000-message INBOX. IMAP4rev2 (RFC 9051) drops \Recent, so only its counts matter.
 * A mailbox without a row has never been selected since it was created: all its messages are recent.
 */
public final class RecentMarks {
    static final String TABLE = "CONGVU_RECENT_MARK";

    private RecentMarks() {
    }

    /**
     * Creates the table on start. Where it is new, existing mailboxes start at their highest UID: messages
     * they still hold as recent keep that in their \Recent column, which the mapper also reads and clears.
     */
    static void create(EntityManagerFactory factory) throws SQLException {
        StartupSchema.apply(factory, (entityManager, connection) -> {
            if (!exists(connection.getMetaData())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE " + TABLE
                        + " (MAILBOX_ID BIGINT NOT NULL PRIMARY KEY, LAST_UID BIGINT NOT NULL)");
                    statement.executeUpdate("INSERT INTO " + TABLE + " (MAILBOX_ID, LAST_UID)"
                        + " SELECT MAILBOX_ID, MAX(MAIL_UID) FROM JAMES_MAIL GROUP BY MAILBOX_ID");
                }
            }
        });
    }

    /** The mailbox's mark, 0 if it has none. */
    public static long read(EntityManager entityManager, long mailboxId) {
        List<?> rows = entityManager.createNativeQuery("SELECT LAST_UID FROM " + TABLE + " WHERE MAILBOX_ID = ?")
            .setParameter(1, mailboxId)
            .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** Moves the mark to {@code to} (callers hold James' write lock on the mailbox). */
    public static void move(EntityManager entityManager, long mailboxId, long to) {
        int updated = entityManager.createNativeQuery("UPDATE " + TABLE + " SET LAST_UID = ? WHERE MAILBOX_ID = ?")
            .setParameter(1, to)
            .setParameter(2, mailboxId)
            .executeUpdate();
        if (updated == 0) {
            entityManager.createNativeQuery("INSERT INTO " + TABLE + " (MAILBOX_ID, LAST_UID) VALUES (?, ?)")
                .setParameter(1, mailboxId)
                .setParameter(2, to)
                .executeUpdate();
        }
    }

    private static boolean exists(DatabaseMetaData metaData) throws SQLException {
        // Derby keeps unquoted names in upper case, PostgreSQL in lower case.
        for (String table : new String[] {TABLE, TABLE.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rows = metaData.getTables(null, null, table, new String[] {"TABLE"})) {
                if (rows.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
