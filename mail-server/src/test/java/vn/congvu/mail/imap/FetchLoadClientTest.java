package vn.congvu.mail.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.testing.MailServerProcess;

/**
 * bench/mail/fetch_load.py, issue 3's FETCH load, against the running server: its lean IMAP reader and the
 * imaplib client both get every FETCH answered with the header and 1,024 bytes of text, with the sessions
 * spread over client processes.
 */
class FetchLoadClientTest {
    private static final String USER = MailServerProcess.address("le.van.k");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void benchFetchLoadReadsEveryAnswer() throws Exception {
        Path fetchLoad = Path.of("..", "bench", "mail", "fetch_load.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(fetchLoad), fetchLoad.toString());
        try (MailServerProcess server = new MailServerProcess(home).start()) {
            server.createUser(USER, PASSWORD);
            // Three 20 KB messages, as the bench sends them.
            String append = "import imaplib, ssl, sys\n"
                + "tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE\n"
                + "c = imaplib.IMAP4_SSL('127.0.0.1', int(sys.argv[1]), ssl_context=tls)\n"
                + "c.login(sys.argv[2], sys.argv[3])\n"
                + "body = ('Noi dung van ban chi dao.\\r\\n' * 800)[:20000]\n"
                + "for n in range(3):\n"
                + "    c.append('INBOX', None, None, ('From: %s\\r\\nSubject: bench %d\\r\\n\\r\\n%s' % (sys.argv[2], n, body)).encode())\n"
                + "try:\n    c.logout()\nexcept imaplib.IMAP4.abort:\n    pass  # James 3.8.1 may close right after BYE\n";
            assertEquals("", run(List.of("python3", "-c", append, String.valueOf(server.imapsPort), USER, PASSWORD)).trim());

            for (String client : List.of("lean", "imaplib")) {
                String output = run(List.of("python3", fetchLoad.toString(), "--port", String.valueOf(server.imapsPort),
                    "--user", USER, "--password", PASSWORD, "--sessions", "4", "--processes", "2", "--fetches", "3",
                    "--warmup", "1", "--warmup-max", "1", "--client", client));
                assertTrue(output.contains("fetch_cold_p99_ms "), "one untimed warm-up round: " + output);
                assertTrue(output.contains("fetch_warmup_rounds 1 "), "no more than --warmup-max: " + output);
                assertTrue(output.contains("fetch_p99_ms "), output);
                assertTrue(output.contains("(12 FETCH, 4 sessions in 2 client processes, " + client + " client)"), output);
            }
        }
    }

    private static String run(List<String> command) throws Exception {
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, python.exitValue(), output);
        return output;
    }
}
