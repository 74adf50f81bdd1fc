package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.persistence.EntityManagerFactory;

/**
 * Composite indexes on James' message table for what every SELECT and STATUS asks of one mailbox:
 * unseen count and first unseen UID, recent messages. James 3.8.1 maps only single-column flag
 * indexes, so on a 20,000-message INBOX each of those questions scanned the whole mailbox.
 * Its single-column \Recent and \Seen indexes are dropped: ours answer every query they served, and
 * their upkeep made clearing \Recent on a first SELECT 2-3 times slower (OpenJPA does not re-add them).
 * The user-flag and property rows get an index on their message: reading a message's keywords scanned the
 * whole keyword table, and Derby deleted a message's rows under a lock on the whole table, which deadlocked
 * with every concurrent read of keywords.
 * Created once, on start, on Derby and PostgreSQL alike.
 */
public final class MessageIndexes {
    private static final String TABLE = "JAMES_MAIL";
    private static final Set<List<String>> REPLACED = Set.of(List.of("MAIL_IS_RECENT"), List.of("MAIL_IS_SEEN"));
    private static final Map<String, String> INDEXES = Map.of(
        "CONGVU_MAIL_UNSEEN", "MAILBOX_ID, MAIL_IS_SEEN, MAIL_UID",
        // With the system flags: clearing \Recent reports them without reading the rows.
        "CONGVU_MAIL_RECENT", "MAILBOX_ID, MAIL_IS_RECENT, MAIL_UID, MAIL_IS_ANSWERED, MAIL_IS_DELETED, MAIL_IS_DRAFT,"
            + " MAIL_IS_FLAGGED, MAIL_IS_SEEN");
    public static final String USERFLAGS_BY_MESSAGE = "CONGVU_USERFLAG_MESSAGE";
    public static final String PROPERTIES_BY_MESSAGE = "CONGVU_PROPERTY_MESSAGE";
    /** Index name → table and columns, for the rows that belong to a message. */
    private static final Map<String, String[]> MESSAGE_ROW_INDEXES = Map.of(
        USERFLAGS_BY_MESSAGE, new String[] {"JAMES_MAIL_USERFLAG", "MAILBOX_ID, MAIL_UID"},
        PROPERTIES_BY_MESSAGE, new String[] {"JAMES_MAIL_PROPERTY", "MAILBOX_ID, MAIL_UID"});

    private MessageIndexes() {
    }

    static void create(EntityManagerFactory factory) throws SQLException {
        StartupSchema.apply(factory, (entityManager, connection) -> {
            // Maps the message entity (and so creates its table) before the indexes are looked for.
            entityManager.createQuery("SELECT COUNT(m) FROM MailboxMessage m WHERE m.uid < 0").getSingleResult();
            Map<String, List<String>> existing = existingIndexes(connection.getMetaData(), TABLE);
            for (Map.Entry<String, String> index : INDEXES.entrySet()) {
                if (!existing.containsKey(index.getKey())) {
                    execute(connection, "CREATE INDEX " + index.getKey() + " ON " + TABLE + " (" + index.getValue() + ")");
                }
            }
            for (Map.Entry<String, String[]> index : MESSAGE_ROW_INDEXES.entrySet()) {
                String table = index.getValue()[0];
                if (!existingIndexes(connection.getMetaData(), table).containsKey(index.getKey())) {
                    execute(connection, "CREATE INDEX " + index.getKey() + " ON " + table + " (" + index.getValue()[1] + ")");
                }
            }
            for (Map.Entry<String, List<String>> index : existing.entrySet()) {
                if (REPLACED.contains(index.getValue())) {
                    execute(connection, "DROP INDEX " + index.getKey());
                }
            }
        });
    }

    /**
     * Written after a table name: Derby reads it through {@code index}. With a parameter in a range, Derby's optimizer
     * guessed that a scan of the whole keyword table (locking every row it passed) was cheaper than the index. To
     * PostgreSQL it is a comment.
     */
    public static String through(String index) {
        return " --DERBY-PROPERTIES index=" + index + "\n";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Index name (upper case) → its columns (upper case) in order. */
    private static Map<String, List<String>> existingIndexes(DatabaseMetaData metaData, String tableName) throws SQLException {
        Map<String, List<String>> indexes = new TreeMap<>();
        // Derby keeps unquoted names in upper case, PostgreSQL in lower case.
        for (String table : new String[] {tableName, tableName.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rows = metaData.getIndexInfo(null, null, table, false, true)) {
                while (rows.next()) {
                    String name = rows.getString("INDEX_NAME");
                    String column = rows.getString("COLUMN_NAME");
                    if (name != null && column != null) {
                        // JDBC returns the rows ordered by index name, then column position.
                        indexes.computeIfAbsent(name.toUpperCase(Locale.ROOT), key -> new ArrayList<>())
                            .add(column.toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return indexes;
    }
}
