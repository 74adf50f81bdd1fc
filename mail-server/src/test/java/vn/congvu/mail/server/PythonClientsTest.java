package vn.congvu.mail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.ServerTrust;

/** Python's smtplib and imaplib, verifying the generated certificate, against the running server on directory accounts. */
class PythonClientsTest {
    private static final String A = MailServerProcess.address("vu.van.g");
    private static final String B = MailServerProcess.address("do.thi.h");
    private static final String PASSWORD = "Mat-khau-2026";

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .account(A, PASSWORD)
        .account(B, PASSWORD);

    @TempDir
    Path home;

    @Test
    void smtplibAndImaplibOverTls() throws Exception {
        MailServerProcess server = MAIL.server();
        Path ca = ServerTrust.exportCertificate(server, home.resolve("congvu-ca.pem"));
        Path script = home.resolve("mail_clients.py");
        try (InputStream in = getClass().getResourceAsStream("/python/mail_clients.py")) {
            Files.copy(in, script);
        }
        Process python = new ProcessBuilder(List.of("python3", script.toString(), ca.toString(),
                String.valueOf(server.submissionPort), String.valueOf(server.smtpsPort),
                String.valueOf(server.imapPort), String.valueOf(server.imapsPort), A, B, PASSWORD))
            .redirectErrorStream(true)
            .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, python.exitValue(), output);
        assertTrue(output.contains("python clients ok"), output);
    }
}
