package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.persistence.EntityManagerFactory;

/**
 * On Derby, a message's keyword and property rows refer to it without a foreign key. OpenJPA declares them
 * with ON DELETE CASCADE, and Derby runs a cascade under an exclusive lock on the whole child table: every
 * expunge or move waited for all readers of keywords (each FETCH of flags) to finish and held every other reader
 * meanwhile, stalls of seconds with ten sessions on one mailbox, and deadlocks with readers. Every path that
 * deletes messages deletes their rows itself first ({@link MessageFlagRows},
 * {@link vn.congvu.mail.storage.read.CachingMailboxMapper}).
 * OpenJPA adds the keys again when it builds its schema, so they are dropped on every start. PostgreSQL keeps
 * them: its cascades lock rows.
 */
final class CascadeFreeMessageRows {
    private static final List<String> CHILD_TABLES = List.of("JAMES_MAIL_USERFLAG", "JAMES_MAIL_PROPERTY");

    private CascadeFreeMessageRows() {
    }

    static void apply(EntityManagerFactory factory) throws SQLException {
        StartupSchema.apply(factory, (entityManager, connection) -> {
            DatabaseMetaData metaData = connection.getMetaData();
            if (!metaData.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby")) {
                return;
            }
            // Maps the message entity and its parts (and so creates their tables and keys) first.
            entityManager.createQuery("SELECT COUNT(m) FROM MailboxMessage m WHERE m.uid < 0").getSingleResult();
            for (String table : CHILD_TABLES) {
                for (String key : keysToMessages(metaData, table)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("ALTER TABLE " + table + " DROP FOREIGN KEY " + key);
                    }
                }
            }
        });
    }

    private static Set<String> keysToMessages(DatabaseMetaData metaData, String table) throws SQLException {
        Set<String> keys = new TreeSet<>();
        try (ResultSet rows = metaData.getImportedKeys(null, null, table)) {
            while (rows.next()) {
                if ("JAMES_MAIL".equalsIgnoreCase(rows.getString("PKTABLE_NAME")) && rows.getString("FK_NAME") != null) {
                    keys.add(rows.getString("FK_NAME"));
                }
            }
        }
        return keys;
    }
}
