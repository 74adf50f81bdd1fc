package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

import javax.inject.Inject;
import javax.inject.Singleton;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

/**
 * Ids for the rows we insert into James' entity tables ourselves (message properties, user flags), from the
 * sequence OpenJPA gives those entities (row 0 of OPENJPA_SEQUENCE_TABLE), a block at a time as OpenJPA does.
 * Each block is taken by one atomic increment, which OpenJPA's own compare-and-set allocation respects, so the
 * two never hand out the same id.
 */
@Singleton
public class EntityIds {
    private static final int BLOCK = 50;
    private static final String TAKE = "UPDATE OPENJPA_SEQUENCE_TABLE SET SEQUENCE_VALUE = SEQUENCE_VALUE + ? WHERE ID = 0";
    private static final String READ = "SELECT SEQUENCE_VALUE FROM OPENJPA_SEQUENCE_TABLE WHERE ID = 0";

    private final DataSource dataSource;
    private long next;
    private long end;

    @Inject
    public EntityIds(EntityManagerFactory entityManagerFactory) {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
    }

    /**
     * The first of {@code count} consecutive ids; empty while OpenJPA has not created its sequence row yet (a new
     * database): the caller then lets OpenJPA persist, which creates it.
     */
    public synchronized OptionalLong take(int count) throws SQLException {
        if (end - next < count) {
            long size = Math.max(BLOCK, count);
            Long first = JpaDataSource.inTransaction(dataSource, connection -> reserve(connection, size));
            if (first == null) {
                return OptionalLong.empty();
            }
            next = first;
            end = first + size;
        }
        long first = next;
        next += count;
        return OptionalLong.of(first);
    }

    private static Long reserve(Connection connection, long size) throws SQLException {
        try (PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setLong(1, size);
            if (take.executeUpdate() != 1) {
                return null;
            }
        }
        try (PreparedStatement read = connection.prepareStatement(READ); ResultSet row = read.executeQuery()) {
            row.next();
            return row.getLong(1) - size;
        }
    }
}
