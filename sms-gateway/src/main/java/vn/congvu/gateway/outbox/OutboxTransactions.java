package vn.congvu.gateway.outbox;

import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;

/**
 * Transactions on the outbox. SQLite has one writer at a time and lets the others poll for its lock, sleeping
 * 1, 2, 5, 10… ms between tries: under load the dispatcher, the outcome writer and the notice writer would spend
 * their time asleep. So on SQLite the gateway's own transactions queue on a fair lock in the process instead and
 * SQLite never sees two of them at once. PostgreSQL takes concurrent transactions as they come.
 */
@Configuration(proxyBeanMethods = false)
class OutboxTransactions {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
        return url.startsWith("jdbc:sqlite:") ? new OneWriterAtATime(dataSource) : new JdbcTransactionManager(dataSource);
    }

    /** Holds the process's write turn from the transaction's begin to its cleanup (after commit or rollback). */
    static final class OneWriterAtATime extends JdbcTransactionManager {

        private final ReentrantLock turn = new ReentrantLock(true);

        OneWriterAtATime(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            try {
                turn.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransactionSystemException("interrupted while waiting for the outbox", e);
            }
            try {
                super.doBegin(transaction, definition);
            } catch (RuntimeException e) {
                turn.unlock();
                throw e;
            }
        }

        @Override
        protected void doCleanupAfterCompletion(Object transaction) {
            try {
                super.doCleanupAfterCompletion(transaction);
            } finally {
                turn.unlock();
            }
        }
    }
}
