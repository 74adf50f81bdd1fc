package vn.congvu.mail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.PostgresCluster;
import vn.congvu.mail.testing.ServerTrust;
import vn.congvu.mail.testing.SlapdAccounts;

/**
 * IMAP SEARCH on the text index through Python's imaplib and smtplib (resources/python/imap_search.py): Vietnamese
 * with and without diacritics, RFC 2047 headers, base64, quoted-printable, HTML and windows-1258 parts, NOT, OR,
 * dates and sequence sets; messages found right after APPEND and SMTP delivery, gone after EXPUNGE; and the same
 * answers after the index directory was deleted, then damaged, with the server stopped; on Derby (directory
 * accounts) and on PostgreSQL (local accounts).
 */
class IndexedSearchTest {
    @RegisterExtension
    static final SlapdAccounts DIRECTORY = new SlapdAccounts();

    private static final String USER = MailServerProcess.address("le.van.tim");
    private static final String SENDER = MailServerProcess.address("pham.thi.gui");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void searchesAnswerTheSameOnTheIndexAndAfterItWasLostOrDamaged() throws Exception {
        try (MailServerProcess server = DIRECTORY.mailServer(home).start()) {
            server.createUser(USER, PASSWORD);
            server.createUser(SENDER, PASSWORD);
            Path ca = ServerTrust.exportCertificate(server, home.resolve("congvu-ca.pem"));
            Path script = clientScript();
            Path index = home.resolve("mail/var/store/search");

            python(server, script, ca, "fill");
            assertTrue(Files.isDirectory(index), "the index is kept under the server's data directory");
            python(server, script, ca, "check");
            python(server, script, ca, "arrive");
            python(server, script, ca, "check");

            server.stop();
            deleteTree(index);
            server.start();
            python(server, script, ca, "check");
            assertTrue(Files.isDirectory(index), "the index was built again");

            server.stop();
            List<Path> files = files(index);
            assertFalse(files.isEmpty(), "the index was written to disk at the stop");
            for (Path file : files) {
                Files.write(file, "not an index".getBytes(StandardCharsets.US_ASCII));
            }
            server.start();
            python(server, script, ca, "check");
            python(server, script, ca, "arrive");
        }
    }

    @Test
    void searchesAnswerTheSameOnPostgres() throws Exception {
        try (PostgresCluster postgres = PostgresCluster.start();
             MailServerProcess server = new MailServerProcess(home, postgres.mailServerEnvironment()).start()) {
            server.createUser(USER, PASSWORD);
            server.createUser(SENDER, PASSWORD);
            Path ca = ServerTrust.exportCertificate(server, home.resolve("congvu-ca.pem"));
            Path script = clientScript();
            python(server, script, ca, "fill");
            python(server, script, ca, "check");
            python(server, script, ca, "arrive");

            server.stop();
            deleteTree(home.resolve("mail/var/store/search"));
            server.start();
            python(server, script, ca, "check");
        }
    }

    private void python(MailServerProcess server, Path script, Path ca, String mode) throws Exception {
        Process python = new ProcessBuilder(List.of("python3", script.toString(), mode, ca.toString(),
                String.valueOf(server.submissionPort), String.valueOf(server.imapsPort), USER, SENDER, PASSWORD))
            .redirectErrorStream(true)
            .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(180, TimeUnit.SECONDS), "python finished");
        assertEquals(0, python.exitValue(), mode + ": " + output);
        assertTrue(output.contains("search " + mode + " ok"), output);
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The imaplib/smtplib client, copied out of the test resources. */
    private Path clientScript() throws IOException {
        Path script = home.resolve("imap_search.py");
        try (InputStream in = getClass().getResourceAsStream("/python/imap_search.py")) {
            Files.copy(in, script);
        }
        return script;
    }
}
