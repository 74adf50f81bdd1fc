package vn.congvu.mail.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.testing.ImapDialog;
import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.SlapdAccounts;

/**
 * Mail processed before DATA is answered (ProcessBeforeReply), on the officials of a real slapd: when the client reads
 * 250 the message is already in the mailbox, with no wait; a mail with more envelope recipients than the limit (1
 * here) goes through the spool queue as in stock James and still reaches everyone; a mail to a group that expands
 * beyond the limit (the default 50) is stored in the spool queue before the 250 and delivered by the spooler, once to
 * each member.
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

    @Test
    void aGroupExpandedBeyondTheLimitIsQueuedBeforeTheReplyAndReachesEachMemberOnce() throws Exception {
        // One envelope recipient, the group: processed before the reply; its 60 members are over the default 50.
        String group = MailServerProcess.address("toan-so");
        List<String> members = DIRECTORY.addGroupOfNewOfficials(group, "chuyen.vien", 60, PASSWORD);
        try (MailServerProcess server = DIRECTORY.mailServer(home).start()) {
            MailClients clients = new MailClients(server);
            clients.fromOutside(List.of(group), "Gui toan so");

            // Read at the 250: the mail, expanded, was stored in the spool queue before the answer.
            List<String> queued = server.mailsQueuedBeforeReply();
            assertEquals(1, queued.size(), server.logTail());
            String mail = queued.get(0);
            assertEquals(1, server.logLinesContaining("Mail " + mail + " for 60 recipients queued"), server.logTail());
            String answered = "Processed mail " + mail + " ";
            assertEquals(1, server.logLinesContaining(answered), "answered 250 after the hand-over");

            server.awaitSpoolDrained(Duration.ofSeconds(120));
            List<String> log = server.logLines();
            List<Integer> deliveries = IntStream.range(0, log.size())
                .filter(i -> log.get(i).contains("Local delivered mail " + mail + " ")).boxed().toList();
            assertEquals(60, deliveries.size(), "one delivery per member, by the spooler\n" + server.logTail());
            int reply = IntStream.range(0, log.size()).filter(i -> log.get(i).contains(answered)).findFirst().orElseThrow();
            assertTrue(deliveries.get(deliveries.size() - 1) > reply, "the 250 did not wait for every mailbox");
            for (String member : members) {
                assertEquals(List.of("Gui toan so"), subjects(server, clients, member), member);
            }
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
