package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.notice.StoredNotice;
import vn.congvu.gateway.notice.StoredNotices;

/** Group commit of API notices: many callers, one transaction each batch, every caller its own notice. */
class NoticeWriterTest {

    private NoticeInserts outbox;
    private StoredNotices notices;
    private NoticeWriter writer;
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        DataSource ds = SqliteOutbox.migrated(SqliteOutbox.freshUrl());
        jdbc = new JdbcTemplate(ds);
        // @Transactional as in the application: a refused batch leaves nothing behind
        ProxyFactory proxy = new ProxyFactory(new NoticeInserts(jdbc, Clock.systemUTC()));
        proxy.setProxyTargetClass(true);
        proxy.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(ds), new AnnotationTransactionAttributeSource()));
        outbox = (NoticeInserts) proxy.getProxy();
        notices = new StoredNotices(jdbc);
        writer = new NoticeWriter(outbox);
    }

    @AfterEach
    void stop() {
        writer.close();
    }

    private static NewNotice notice(String text) {
        return new NewNotice("vanphong", text, EncodingMode.GSM7, new SmsEncoder(6).encode(text, EncodingMode.GSM7), false);
    }

    @Test
    void concurrentCallersEachGetTheirOwnCommittedNotice() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<Long>> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String number = String.format("84912%06d", i);
            ids.add(callers.submit(() -> writer.store(notice("Hop " + number), List.of(new NewMessage(number, number, null)))));
        }
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i).get(10, TimeUnit.SECONDS);
            distinct.add(id);
            StoredNotice stored = notices.findNotice(id).orElseThrow();
            String number = String.format("84912%06d", i);
            assertEquals("Hop " + number, stored.text());
            assertEquals(List.of(number), stored.recipients().stream().map(StoredNotice.Recipient::recipient).toList());
            assertEquals(MessageState.PENDING, stored.recipients().get(0).state());
        }
        callers.shutdown();
        assertEquals(200, distinct.size());
        assertEquals(200, jdbc.queryForObject("SELECT COUNT(*) FROM message", Integer.class));
    }

    @Test
    void aNoticeTheDatabaseRefusesFailsAloneAndLeavesNothing() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<Long>> good = new ArrayList<>();
        Future<Long> bad = null;
        for (int i = 0; i < 40; i++) {
            String number = String.format("84983%06d", i);
            if (i == 20) {
                // no target, which its NOT NULL column refuses: this insert fails
                bad = callers.submit(() -> writer.store(notice("Khong dich"), List.of(new NewMessage(null, number, null))));
            }
            good.add(callers.submit(() -> writer.store(notice("Hop"), List.of(new NewMessage(number, number, null)))));
        }
        for (Future<Long> f : good) {
            assertTrue(notices.findNotice(f.get(10, TimeUnit.SECONDS)).isPresent());
        }
        Future<Long> refused = bad;
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RuntimeException.class, e.getCause());
        callers.shutdown();
        assertEquals(40, jdbc.queryForObject("SELECT COUNT(*) FROM message", Integer.class), "the 40 good ones, once each");
        assertEquals(40, jdbc.queryForObject("SELECT COUNT(*) FROM notice", Integer.class), "no notice row of the refused one");
    }

    @Test
    void aLargeNoticeIsStoredWhole() {
        List<NewMessage> many = new ArrayList<>();
        for (int i = 0; i <= NoticeWriter.OWN_TRANSACTION; i++) {
            String number = String.format("84977%06d", i);
            many.add(new NewMessage(number, number, null));
        }
        long id = writer.store(notice("Toan tinh"), many);
        assertEquals(NoticeWriter.OWN_TRANSACTION + 1, notices.findNotice(id).orElseThrow().recipients().size());
    }
}
