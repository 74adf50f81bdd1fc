package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's transaction manager on SQLite, and the outbox file's directory. */
class OutboxTransactionsTest {

    @TempDir
    Path home;

    @Test
    void sqliteTransactionsTakeTurnsAndARollbackGivesTheTurnBack() throws Exception {
        String url = SqliteOutbox.freshUrl();
        DataSource ds = SqliteOutbox.migrated(url);
        JdbcTransactionManager manager = new OutboxTransactions().transactionManager(ds, url);
        assertInstanceOf(OutboxTransactions.OneWriterAtATime.class, manager);
        TransactionTemplate tx = new TransactionTemplate(manager);
        JdbcTemplate jdbc = new JdbcTemplate(ds);

        assertThrows(IllegalStateException.class, () -> tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO unmatched_receipt (account, smsc_key, receipt_state, received_at) VALUES ('a', 'k1', 'DELIVRD', 1)");
            throw new IllegalStateException("refused");
        }));
        // another thread gets its turn: the rolled-back transaction let go of it
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> tx.executeWithoutResult(s ->
                jdbc.update("INSERT INTO unmatched_receipt (account, smsc_key, receipt_state, received_at) VALUES ('a', 'k2', 'DELIVRD', 1)")));
        other.get(10, TimeUnit.SECONDS);
        assertEquals(1, jdbc.queryForObject("SELECT COUNT(*) FROM unmatched_receipt", Integer.class), "the rolled-back row is gone");
    }

    @Test
    void postgresTransactionsAreNotSerialised() {
        JdbcTransactionManager manager = new OutboxTransactions().transactionManager(new HikariDataSource(),
                "jdbc:postgresql://127.0.0.1/congvu_gateway");
        assertEquals(JdbcTransactionManager.class, manager.getClass());
    }

    @Test
    void theOutboxDirectoryIsMadeBeforeTheFirstConnection() {
        Path outbox = home.resolve("gateway/outbox.db");
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:sqlite:" + outbox + "?journal_mode=WAL");
            new OutboxFileDirectory().postProcessAfterInitialization(pool, "dataSource");
        }
        assertTrue(Files.isDirectory(outbox.getParent()), outbox.getParent().toString());
        assertTrue(Files.notExists(home.resolve("gateway/outbox.db?journal_mode=WAL")));
    }
}
