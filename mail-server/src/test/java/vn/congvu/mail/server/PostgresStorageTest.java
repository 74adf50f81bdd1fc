package vn.congvu.mail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Store;

import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailboxSnapshot;
import vn.congvu.mail.testing.PostgresCluster;

/**
 * The production storage option: mailboxes and accounts in PostgreSQL (Debian's server, throw-away
 * cluster on a free loopback port, PostgresCluster) selected only through CONGVU_MAIL_DB_* variables.
 * Fails when the postgresql package is not installed.
 */
class PostgresStorageTest {
    private static final String A = MailServerProcess.address("bui.van.p");
    private static final String B = MailServerProcess.address("mai.thi.q");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void mailboxesLiveInPostgresAndSurviveARestart() throws Exception {
        try (PostgresCluster postgres = PostgresCluster.start()) {
            MailServerProcess server = new MailServerProcess(home, postgres.mailServerEnvironment());
            try {
                server.start();
                server.createUser(A, PASSWORD);
                server.createUser(B, PASSWORD);
                MailClients clients = new MailClients(server);
                clients.submit(A, PASSWORD, B, "Lưu trên PostgreSQL", "nội dung");
                server.awaitSpoolDrained(Duration.ofSeconds(60));
                Store store = clients.imaps(B, PASSWORD);
                MailboxSnapshot before = MailboxSnapshot.of(store, "INBOX");
                store.close();
                assertEquals(1, before.subjectCounts().getOrDefault("Lưu trên PostgreSQL", 0));
                assertEquals(false, Files.exists(home.resolve("mail/var/store/derby")), "nothing stored in Derby");

                server.stop();
                server.start();
                Store after = new MailClients(server).imaps(B, PASSWORD);
                assertEquals(before, MailboxSnapshot.of(after, "INBOX"));
                after.close();
            } finally {
                server.stop();
            }
        }
    }
}
