package vn.congvu.mail.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.james.core.Username;
import org.apache.james.mailbox.jpa.mail.model.JPAMailbox;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;

import vn.congvu.mail.storage.jdbc.JpaEntityManagerModule;

/** James' JPA tables in an embedded Derby under a test's directory, through the server's own persistence unit. */
public final class EmbeddedJpaStore {
    private EmbeddedJpaStore() {
    }

    public static EntityManagerFactory open(Path directory) {
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(JpaEntityManagerModule.PERSISTENCE_UNIT, Map.of(
            "openjpa.ConnectionDriverName", "org.apache.derby.jdbc.EmbeddedDriver",
            "openjpa.ConnectionURL", "jdbc:derby:" + directory.resolve("derby") + ";create=true",
            "openjpa.Multithreaded", "true"));
        try {
            JpaEntityManagerModule.addOurSchema(factory);
        } catch (SQLException e) {
            throw new IllegalStateException("Our schema could not be added to the test store", e);
        }
        return factory;
    }

    /** A new INBOX of {@code user}@example.gov.vn. */
    public static Mailbox inbox(EntityManagerFactory factory, String user) {
        EntityManager entityManager = factory.createEntityManager();
        try {
            entityManager.getTransaction().begin();
            JPAMailbox row = new JPAMailbox(MailboxPath.inbox(Username.of(user + "@example.gov.vn")), UidValidity.of(42));
            entityManager.persist(row);
            entityManager.getTransaction().commit();
            return row.toMailbox();
        } finally {
            entityManager.close();
        }
    }
}
