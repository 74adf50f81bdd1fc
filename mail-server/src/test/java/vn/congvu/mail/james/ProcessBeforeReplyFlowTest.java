package vn.congvu.mail.james;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail processed before DATA is answered (ProcessBeforeReply), on the officials of a real slapd: when the client reads
 * 250 the message is already in the mailbox, with no wait; a mail with more envelope recipients than the limit (1
 * here) goes through the spool queue as in stock James and still reaches everyone.
 */
class ProcessBeforeReplyFlowTest {
    @RegisterExtension
    static final SlapdAccounts DIRECTORY = new SlapdAccounts();

    private static final String A = MailServerProcess.address("ngo.van.k");
    private static final String B = MailServerProcess.address("lam.thi.l");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void answeredMailIsInTheMailboxAndMoreRecipientsGoThroughTheSpool() throws Exception {
        try (MailServerProcess server = DIRECTORY.mailServer(home,
                Map.of("CONGVU_PROCESS_BEFORE_REPLY_MAX_RECIPIENTS", "1")).start()) {
            server.createUser(A, PASSWORD);
            server.createUser(B, PASSWORD);
            MailClients clients = new MailClients(server);

            clients.fromOutside(List.of(A), "Truoc khi tra loi");
            // Asked right after 250: no polling, the message is stored already.
            assertEquals(List.of("Truoc khi tra loi"), subjects(server, clients, A));
            assertEquals(1, server.logLinesContaining("before answering"), server.logTail());
            assertEquals(0, server.logLinesContaining("Successfully spooled mail"), server.logTail());

            clients.fromOutside(List.of(A, B), "Qua hang doi");
            assertEquals(1, server.logLinesContaining("Successfully spooled mail"), "two recipients: spooled\n" + server.logTail());
            assertEquals(1, server.logLinesContaining("before answering"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!(subjects(server, clients, A).contains("Qua hang doi") && subjects(server, clients, B).contains("Qua hang doi"))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertEquals(List.of("Truoc khi tra loi", "Qua hang doi"), subjects(server, clients, A));
            assertEquals(List.of("Qua hang doi"), subjects(server, clients, B));
        }
    }

    /** The subjects in the INBOX, in UID order. */
    private static List<String> subjects(MailServerProcess server, MailClients clients, String user) throws Exception {
        try (ImapDialog imap = ImapDialog.implicitTls(server.imapsPort, clients.tls())) {
            List<String> login = imap.send("LOGIN " + user + " " + PASSWORD);
            assertTrue(ImapDialog.completion(login).contains("OK"), login.toString());
            imap.send("SELECT INBOX");
            return imap.send("FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])").stream()
                .filter(line -> line.startsWith("Subject: "))
                .map(line -> line.substring("Subject: ".length()).trim())
                .toList();
        }
    }
}
