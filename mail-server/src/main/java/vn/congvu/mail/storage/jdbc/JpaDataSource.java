package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.openjpa.jdbc.conf.JDBCConfiguration;
import org.apache.openjpa.persistence.OpenJPAEntityManager;
import org.apache.openjpa.persistence.OpenJPAEntityManagerFactorySPI;
import org.apache.openjpa.persistence.OpenJPAPersistence;

/** The connection pool OpenJPA uses, for the statements we run on James' JPA tables ourselves. */
public final class JpaDataSource {
    /** Statements run in one transaction. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private JpaDataSource() {
    }

    public static DataSource of(EntityManagerFactory entityManagerFactory) {
        // OpenJPA creates the tables (SynchronizeMappings) when the first EntityManager opens, not before.
        entityManagerFactory.createEntityManager().close();
        OpenJPAEntityManagerFactorySPI factory = (OpenJPAEntityManagerFactorySPI) OpenJPAPersistence.cast(entityManagerFactory);
        return ((JDBCConfiguration) factory.getConfiguration()).getDataSource(null);
    }

    /**
     * Runs {@code work} on the connection of the EntityManager's transaction, so it commits or rolls back with what
     * the EntityManager does in it. OpenJPA leaves that connection in auto-commit until its first flush: the
     * database transaction is begun here first.
     */
    public static <T> T inEntityManagerTransaction(EntityManager transaction, Work<T> work) throws SQLException {
        OpenJPAEntityManager entityManager = OpenJPAPersistence.cast(transaction);
        if (!entityManager.isStoreActive()) {
            entityManager.beginStore();
        }
        Connection connection = (Connection) entityManager.getConnection();
        try {
            return work.run(connection);
        } finally {
            connection.close(); // hands it back to the EntityManager, which keeps it for its transaction
        }
    }

    /** Commits what {@code work} did, or rolls it back if it throws; the pooled connection's mode is left as found. */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }
}
