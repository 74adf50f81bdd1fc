package vn.congvu.mail.james;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;

import reactor.core.publisher.Mono;

/**
 * Current quota usage in James' JPA table, each change one UPDATE that adds to the stored figures.
 * James' JpaCurrentQuotaManager reads the row, adds in Java and merges the sum back: two deliveries to one
 * account at once (its INBOX and a folder a sieve rule files into) could each overwrite the other's addition,
 * and every change took an EntityManager, a find and a merge inside James' per-mailbox lock.
 */
public class AtomicCurrentQuotaManager implements CurrentQuotaManager {
    private static final String READ = "SELECT CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE FROM JAMES_QUOTA_CURRENTQUOTA"
        + " WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String ADD = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET CURRENTQUOTA_MESSAGECOUNT = CURRENTQUOTA_MESSAGECOUNT + ?,"
        + " CURRENTQUOTA_SIZE = CURRENTQUOTA_SIZE + ? WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String SET = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET CURRENTQUOTA_MESSAGECOUNT = ?,"
        + " CURRENTQUOTA_SIZE = ? WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String INSERT = "INSERT INTO JAMES_QUOTA_CURRENTQUOTA"
        + " (CURRENTQUOTA_QUOTAROOT, CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE) VALUES (?, ?, ?)";

    private final DataSource dataSource;

    @Inject
    public AtomicCurrentQuotaManager(EntityManagerFactory entityManagerFactory) {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
    }

    @Override
    public Mono<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::count);
    }

    @Override
    public Mono<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::size);
    }

    @Override
    public Mono<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> JpaDataSource.inTransaction(dataSource, connection -> {
            try (PreparedStatement read = connection.prepareStatement(READ)) {
                read.setString(1, quotaRoot.getValue());
                try (ResultSet row = read.executeQuery()) {
                    return row.next()
                        ? new CurrentQuotas(QuotaCountUsage.count(row.getLong(1)), QuotaSizeUsage.size(row.getLong(2)))
                        : CurrentQuotas.emptyQuotas();
                }
            }
        }));
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return change(ADD, operation.quotaRoot(), operation.count().asLong(), operation.size().asLong());
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return change(ADD, operation.quotaRoot(), -operation.count().asLong(), -operation.size().asLong());
    }

    @Override
    public Mono<Void> setCurrentQuotas(QuotaOperation operation) {
        return change(SET, operation.quotaRoot(), operation.count().asLong(), operation.size().asLong());
    }

    private Mono<Void> change(String update, QuotaRoot quotaRoot, long count, long size) {
        return Mono.fromRunnable(() -> {
            try {
                updateOrInsert(update, quotaRoot, count, size);
            } catch (SQLException e) {
                throw new IllegalStateException("Changing the current quota of " + quotaRoot.getValue() + " failed", e);
            }
        });
    }

    /** {@code update} on the root's row; a root without one gets a row with the figures as they are. */
    private void updateOrInsert(String update, QuotaRoot quotaRoot, long count, long size) throws SQLException {
        try {
            JpaDataSource.inTransaction(dataSource, connection ->
                run(connection, update, quotaRoot, count, size) > 0 || insert(connection, quotaRoot, count, size));
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // the row was inserted by another change meanwhile: it is there to update now
            JpaDataSource.inTransaction(dataSource, connection -> run(connection, update, quotaRoot, count, size));
        }
    }

    /** SQL state class 23, integrity constraint violation: what Derby and PostgreSQL say of a duplicate key. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static int run(Connection connection, String update, QuotaRoot quotaRoot, long count, long size)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setLong(1, count);
            statement.setLong(2, size);
            statement.setString(3, quotaRoot.getValue());
            return statement.executeUpdate();
        }
    }

    private static boolean insert(Connection connection, QuotaRoot quotaRoot, long count, long size) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            statement.setString(1, quotaRoot.getValue());
            statement.setLong(2, count);
            statement.setLong(3, size);
            return statement.executeUpdate() == 1;
        }
    }
}
