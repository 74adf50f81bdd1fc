package vn.congvu.mail.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.openjpa.persistence.OpenJPAPersistence;

/** Schema changes of ours made once on start, over the JDBC connection of a fresh OpenJPA entity manager. */
final class StartupSchema {

    interface Work {
        void apply(EntityManager entityManager, Connection connection) throws SQLException;
    }

    private StartupSchema() {
    }

    static void apply(EntityManagerFactory factory, Work work) throws SQLException {
        EntityManager entityManager = factory.createEntityManager();
        try {
            Connection connection = (Connection) OpenJPAPersistence.cast(entityManager).getConnection();
            try {
                work.apply(entityManager, connection);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } finally {
                connection.close();
            }
        } finally {
            entityManager.close();
        }
    }
}
