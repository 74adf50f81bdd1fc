package vn.congvu.mail.quota;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;
import javax.sql.DataSource;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

import vn.congvu.mail.storage.jdbc.JpaDataSource;

/**
 * Current quota usage, held in memory and written to James' JPA table a few times a second. Every delivery reads
 * the account's usage (the quota check) and changes it: read and written in the database, that was a query and a
 * second commit per delivery. This server is the only writer of the table, so its memory is the truth once a root
 * is loaded. A change not yet written when the process dies is recovered at the next start: a marker file is
 * present while the server runs, and a start that finds it counts every account's usage again from its messages.
 */
public class CachedCurrentQuotaManager implements CurrentQuotaManager {
    private static final Logger LOGGER = LoggerFactory.getLogger(CachedCurrentQuotaManager.class);
    private static final String MARKER = "file://var/store/quota-usage.running";
    private static final long WRITE_EVERY_MILLIS = 250;
    private static final int STRIPES = 64;

    private static final String READ = "SELECT CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE FROM JAMES_QUOTA_CURRENTQUOTA"
        + " WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String SET = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET CURRENTQUOTA_MESSAGECOUNT = ?,"
        + " CURRENTQUOTA_SIZE = ? WHERE CURRENTQUOTA_QUOTAROOT = ?";
    private static final String INSERT = "INSERT INTO JAMES_QUOTA_CURRENTQUOTA"
        + " (CURRENTQUOTA_QUOTAROOT, CURRENTQUOTA_MESSAGECOUNT, CURRENTQUOTA_SIZE) VALUES (?, ?, ?)";
    private static final String ZERO_ALL = "UPDATE JAMES_QUOTA_CURRENTQUOTA SET CURRENTQUOTA_MESSAGECOUNT = 0, CURRENTQUOTA_SIZE = 0";
    private static final String COUNT_ALL = "SELECT b.USER_NAME, COUNT(*), SUM(m.MAIL_CONTENT_OCTETS_COUNT)"
        + " FROM JAMES_MAIL m JOIN JAMES_MAILBOX b ON m.MAILBOX_ID = b.MAILBOX_ID"
        + " WHERE b.MAILBOX_NAMESPACE = '#private' GROUP BY b.USER_NAME";

    private final DataSource dataSource;
    private final Path marker;
    private final Map<QuotaRoot, CurrentQuotas> usage = new ConcurrentHashMap<>();
    private final Set<QuotaRoot> unwritten = ConcurrentHashMap.newKeySet();
    /** A root's load and changes take its stripe, so a change never lands between a load's read and its caching. */
    private final Object[] stripes = new Object[STRIPES];
    private final ScheduledExecutorService writer;

    @Inject
    public CachedCurrentQuotaManager(EntityManagerFactory entityManagerFactory, FileSystem fileSystem,
                                     DefaultUserQuotaRootResolver roots) throws IOException, SQLException {
        this(entityManagerFactory, fileSystem.getFile(MARKER).toPath(), roots::forUser);
    }

    CachedCurrentQuotaManager(EntityManagerFactory entityManagerFactory, Path marker,
                              Function<Username, QuotaRoot> rootOfUser) throws IOException, SQLException {
        this.dataSource = JpaDataSource.of(entityManagerFactory);
        this.marker = marker;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        if (Files.exists(marker)) {
            recount(rootOfUser);
        } else {
            Files.createDirectories(marker.getParent());
            Files.createFile(marker);
        }
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "quota-usage-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeQuietly, WRITE_EVERY_MILLIS, WRITE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** After an unclean stop: every account's usage counted from its messages, as James' recompute task does. */
    private void recount(Function<Username, QuotaRoot> rootOfUser) throws SQLException {
        LOGGER.warn("The mail server did not stop cleanly: counting every account's quota usage again from its messages");
        long started = System.nanoTime();
        int accounts = JpaDataSource.inTransaction(dataSource, connection -> {
            try (PreparedStatement zero = connection.prepareStatement(ZERO_ALL)) {
                zero.executeUpdate();
            }
            List<Map.Entry<QuotaRoot, CurrentQuotas>> counted = new ArrayList<>();
            try (PreparedStatement count = connection.prepareStatement(COUNT_ALL); ResultSet rows = count.executeQuery()) {
                while (rows.next()) {
                    counted.add(Map.entry(rootOfUser.apply(Username.of(rows.getString(1))),
                        new CurrentQuotas(QuotaCountUsage.count(rows.getLong(2)), QuotaSizeUsage.size(rows.getLong(3)))));
                }
            }
            for (Map.Entry<QuotaRoot, CurrentQuotas> entry : counted) {
                store(connection, entry.getKey(), entry.getValue());
            }
            return counted.size();
        });
        LOGGER.info("Quota usage of {} accounts counted in {} ms", accounts, (System.nanoTime() - started) / 1_000_000);
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
        return Mono.fromCallable(() -> {
            CurrentQuotas cached = usage.get(quotaRoot);
            if (cached != null) {
                return cached;
            }
            synchronized (stripe(quotaRoot)) {
                return loaded(quotaRoot);
            }
        });
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return change(operation.quotaRoot(), current -> new CurrentQuotas(
            QuotaCountUsage.count(current.count().asLong() + operation.count().asLong()),
            QuotaSizeUsage.size(current.size().asLong() + operation.size().asLong())));
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return change(operation.quotaRoot(), current -> new CurrentQuotas(
            QuotaCountUsage.count(current.count().asLong() - operation.count().asLong()),
            QuotaSizeUsage.size(current.size().asLong() - operation.size().asLong())));
    }

    @Override
    public Mono<Void> setCurrentQuotas(QuotaOperation operation) {
        return change(operation.quotaRoot(), current -> new CurrentQuotas(operation.count(), operation.size()));
    }

    private Mono<Void> change(QuotaRoot quotaRoot, Function<CurrentQuotas, CurrentQuotas> how) {
        return Mono.fromRunnable(() -> {
            synchronized (stripe(quotaRoot)) {
                usage.put(quotaRoot, how.apply(loaded(quotaRoot)));
                unwritten.add(quotaRoot);
            }
        });
    }

    private Object stripe(QuotaRoot quotaRoot) {
        return stripes[Math.floorMod(quotaRoot.hashCode(), STRIPES)];
    }

    /** The root's usage, read from the table the first time; call holding the root's stripe. */
    private CurrentQuotas loaded(QuotaRoot quotaRoot) {
        CurrentQuotas cached = usage.get(quotaRoot);
        if (cached != null) {
            return cached;
        }
        try {
            CurrentQuotas stored = JpaDataSource.inTransaction(dataSource, connection -> read(connection, quotaRoot));
            usage.put(quotaRoot, stored);
            return stored;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the current quota of " + quotaRoot.getValue() + " failed", e);
        }
    }

    private static CurrentQuotas read(Connection connection, QuotaRoot quotaRoot) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(READ)) {
            read.setString(1, quotaRoot.getValue());
            try (ResultSet row = read.executeQuery()) {
                return row.next()
                    ? new CurrentQuotas(QuotaCountUsage.count(row.getLong(1)), QuotaSizeUsage.size(row.getLong(2)))
                    : CurrentQuotas.emptyQuotas();
            }
        }
    }

    private void writeQuietly() {
        try {
            write();
        } catch (SQLException | RuntimeException e) {
            LOGGER.warn("Writing quota usage failed, retried in {} ms: {}", WRITE_EVERY_MILLIS, e.getMessage());
        }
    }

    /** The usage of every root changed since the last write, in one transaction. */
    void write() throws SQLException {
        if (unwritten.isEmpty()) {
            return;
        }
        List<QuotaRoot> roots = new ArrayList<>(unwritten);
        // Taken off before reading the figures: a change from now on marks its root again.
        unwritten.removeAll(roots);
        try {
            JpaDataSource.inTransaction(dataSource, connection -> {
                for (QuotaRoot root : roots) {
                    store(connection, root, usage.get(root));
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            unwritten.addAll(roots);
            throw e;
        }
    }

    private static void store(Connection connection, QuotaRoot root, CurrentQuotas quotas) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(SET)) {
            update.setLong(1, quotas.count().asLong());
            update.setLong(2, quotas.size().asLong());
            update.setString(3, root.getValue());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, root.getValue());
            insert.setLong(2, quotas.count().asLong());
            insert.setLong(3, quotas.size().asLong());
            insert.executeUpdate();
        }
    }

    /** What a killed process leaves: nothing more written, the marker in place. */
    void halt() {
        writer.shutdownNow();
    }

    /** Writes what is left and removes the marker: the next start trusts the table. */
    @PreDestroy
    public void stop() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
            write();
            Files.deleteIfExists(marker);
        } catch (SQLException | IOException | RuntimeException e) {
            LOGGER.warn("Quota usage not written at stop ({}): counted again at the next start", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
