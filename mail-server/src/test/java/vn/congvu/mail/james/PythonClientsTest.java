package vn.congvu.mail.james;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Python's smtplib and imaplib, verifying the generated certificate, against the running server on directory accounts. */
class PythonClientsTest {
    @RegisterExtension
    static final SlapdAccounts DIRECTORY = new SlapdAccounts();

    private static final String A = MailServerProcess.address("vu.van.g");
    private static final String B = MailServerProcess.address("do.thi.h");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void smtplibAndImaplibOverTls() throws Exception {
        try (MailServerProcess server = DIRECTORY.mailServer(home).start()) {
            server.createUser(A, PASSWORD);
            server.createUser(B, PASSWORD);
            Path ca = exportCertificate(server, home.resolve("congvu-ca.pem"));
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

    static Path exportCertificate(MailServerProcess server, Path pem) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.keystore())) {
            keystore.load(in, server.keystoreSecret().toCharArray());
        }
        byte[] der = keystore.getCertificate("congvu-mail").getEncoded();
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return pem;
    }
}
