package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.notice.StoredNotice;
import vn.congvu.gateway.notice.StoredNotices;

/**
 * The shipped SQLite settings against a killed gateway: a process stores a notice (the moment the API would
 * answer 202) and halts at once, without closing the database; the notice must be there on the next start.
 */
class OutboxCrashTest {

    @TempDir
    Path home;

    @Test
    void aNoticeStoredJustBeforeTheProcessDiesIsThereAfterwards() throws Exception {
        String url = SqliteOutbox.configuredUrl(home);
        assertTrue(url.startsWith("jdbc:sqlite:" + home.resolve("gateway")), url);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreThenDie.class.getName(), url, home.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        long id = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("stored ")) {
                    id = Long.parseLong(line.substring(7).trim());
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(StoreThenDie.HALT_STATUS, child.exitValue(), output.toString());
        assertTrue(id > 0, "the child stored a notice: " + output);

        StoredNotice notice = new StoredNotices(new JdbcTemplate(new DriverManagerDataSource(url))).findNotice(id)
                .orElseThrow(() -> new AssertionError("the notice committed before the crash is gone"));
        assertEquals(List.of("84912345678"), notice.recipients().stream().map(StoredNotice.Recipient::recipient).toList());
    }

    /** The dying gateway: stores one notice, says so, and halts without any shutdown. */
    public static final class StoreThenDie {
        static final int HALT_STATUS = 137;

        public static void main(String[] args) throws java.sql.SQLException, java.io.IOException {
            java.nio.file.Files.createDirectories(Path.of(args[1]).resolve("gateway"));
            javax.sql.DataSource ds = SqliteOutbox.migrated(args[0]);
            // held open like the gateway's connection pool does: the last connection to close would otherwise
            // checkpoint the write-ahead log into the database file, which a killed gateway never does
            java.sql.Connection pool = ds.getConnection();
            String text = "Khan: hop luc 7h";
            long id = new NoticeInserts(new JdbcTemplate(ds), Clock.systemUTC()).createNotice(
                    new NewNotice("vanphong", text, EncodingMode.GSM7, new SmsEncoder(6).encode(text, EncodingMode.GSM7), true),
                    List.of(new NewMessage("0912345678", "84912345678", null)));
            System.out.println("stored " + id);
            System.out.flush();
            Runtime.getRuntime().halt(pool.isClosed() ? 1 : HALT_STATUS);
        }
    }
}
