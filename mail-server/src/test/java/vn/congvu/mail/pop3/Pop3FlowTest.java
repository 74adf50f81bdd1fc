package vn.congvu.mail.pop3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.ServerTrust;
import vn.congvu.mail.testing.RunningMailServer;

/**
 * POP3 (STLS on the plain port, POP3S) for directory accounts, with Python's poplib: TLS before USER, the mailbox
 * IMAP shows, a DELE that an IMAP session of the same official open at the time sees expunged, the sign-in policy's
 * answers and audit records.
 */
class Pop3FlowTest {
    private static final String PASSWORD = "Mat-khau-dung-2026";
    private static final String READER = MailServerProcess.address("doc.thu");
    private static final String MUST_CHANGE = MailServerProcess.address("doi.mat.khau");

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .account(READER, PASSWORD)
        .account(MUST_CHANGE, PASSWORD);

    static MailServerProcess server;
    static MailClients clients;

    @BeforeAll
    static void mustChange() throws Exception {
        server = MAIL.server();
        clients = MAIL.clients();
        OfficialsDirectory.modifyOfficial(MAIL.slapd(), MUST_CHANGE,
            "replace: congvuPasswordMustChange\ncongvuPasswordMustChange: TRUE");
    }

    @Test
    void poplibReadsAndDeletesWhatImapSeesUnderTheSignInPolicy() throws Exception {
        List<String> subjects = List.of("Công văn số 1", "Công văn số 2", "Giấy mời họp");
        for (String subject : subjects) {
            clients.submit(READER, PASSWORD, READER, subject, "Nội dung " + subject);
        }
        ExactImap imap = ExactImap.tls(server.imapsPort, clients.tls());
        assertTrue(imap.command("a1", "LOGIN " + READER + " " + PASSWORD).contains("a1 OK"));
        assertTrue(imap.command("a2", "SELECT INBOX").contains("* 3 EXISTS"));

        Path home = MAIL.directory().newHome("python");
        Path ca = ServerTrust.exportCertificate(server, home.resolve("ca.pem"));
        Path script = home.resolve("pop3_client.py");
        try (InputStream in = getClass().getResourceAsStream("/python/pop3_client.py")) {
            Files.copy(in, script);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), ca.toString(),
            String.valueOf(server.pop3Port), String.valueOf(server.pop3sPort), READER, PASSWORD, MUST_CHANGE, PASSWORD));
        command.addAll(subjects);
        Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python finished");
        assertEquals(0, python.exitValue(), output);
        assertTrue(output.contains("pop3 ok"), output);
        assertTrue(output.contains("-ERR [AUTH] ") && output.contains(AccountPolicy.load().consoleUrl()),
            "the console is named: " + output);
        String deleted = output.lines().filter(l -> l.startsWith("deleted ")).findFirst().orElseThrow().substring(8);

        // the IMAP session open all along learns of the POP3 deletion at its next NOOP
        String noop = imap.command("a3", "NOOP");
        imap.close();
        Store again = clients.imaps(READER, PASSWORD);
        Folder fresh = again.getFolder("INBOX");
        fresh.open(Folder.READ_ONLY);
        List<String> stored = new ArrayList<>();
        for (Message message : fresh.getMessages()) {
            stored.add(message.getSubject());
        }
        again.close();
        assertEquals(2, stored.size(), stored.toString());
        assertTrue(noop.contains("* 1 EXPUNGE\r\n") || noop.contains("* 2 EXPUNGE\r\n") || noop.contains("* 3 EXPUNGE\r\n"),
            "the open IMAP session is told of the EXPUNGE: " + noop);
        assertTrue(!stored.contains(deleted) && subjects.containsAll(stored), stored + " after deleting " + deleted);

        List<AuditEvent> failures = new AuditTrail(server.home.resolve("audit")).search(
            new AuditTrail.Query(null, null, READER, null, AuditAction.SIGN_IN_FAILED, 10));
        assertEquals(1, failures.size(), failures.toString());
        assertEquals("pop3 127.0.0.1", failures.get(0).source());
    }
}
