package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.mail.testing.MailFlowServer.A;
import static vn.congvu.mail.testing.MailFlowServer.B;
import static vn.congvu.mail.testing.MailFlowServer.C;
import static vn.congvu.mail.testing.MailFlowServer.D;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_A;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_B;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailFlowServer;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * SMTP as the outside world and officials see it: submission over STARTTLS and implicit TLS, what the MX port accepts
 * and refuses (relay, spoofed senders, unknown recipients, oversized mail), where accepted mail is delivered
 * (aliases and sieve scripts set through WebAdmin), and which sockets the server listens on.
 * Real clients over TLS against one running server whose accounts are officials of a real slapd.
 */
class SmtpFlowTest {
    @RegisterExtension
    static final RunningMailServer FLOW = MailFlowServer.fourOfficials();

    @Test
    void submissionOverStartTlsIsDeliveredAndReadOverImaps() throws Exception {
        String subject = "Công văn số 12/UBND về lịch họp " + System.nanoTime();
        FLOW.clients().submit(A, PASSWORD_A, B, subject, "Kính gửi các đồng chí,\nNội dung công văn.");

        Message received = FLOW.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        assertEquals(subject, received.getSubject());
        assertEquals(A, ((jakarta.mail.internet.InternetAddress) received.getFrom()[0]).getAddress());
        assertTrue(((String) received.getContent()).contains("Nội dung công văn."));
    }

    @Test
    void implicitTlsSubmissionIsDelivered() throws Exception {
        String subject = "SMTPS " + System.nanoTime();
        Session session = FLOW.clients().smtpsSession();
        try (Transport transport = session.getTransport("smtps")) {
            transport.connect("127.0.0.1", FLOW.server().smtpsPort, A, PASSWORD_A);
            MimeMessage message = FLOW.clients().message(session, A, B, subject, "qua cổng 2465");
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertEquals(subject, FLOW.awaitMessage(B, PASSWORD_B, "INBOX", subject).getSubject());
    }

    @Test
    void aliasAddedThroughWebAdminAppliesAtOnce() throws Exception {
        // The rewrite table is remembered for a few seconds (CachedJpaRecipientRewriteTable): a change made
        // here must not wait for that.
        String alias = "van.phong." + System.nanoTime() + "@" + MailServerProcess.DOMAIN;
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            assertTrue(SmtpDialog.code(smtp.send("RCPT TO:<" + alias + ">")) >= 500, "no such address yet");
        }
        assertEquals(204, FLOW.server().webadmin("PUT", "/address/aliases/" + C + "/sources/" + alias, null).statusCode());
        String subject = "Bi danh " + System.nanoTime();
        sendFromOutside(alias, subject);
        assertEquals(subject, FLOW.awaitMessage(C, PASSWORD_A, "INBOX", subject).getSubject(), "delivered to the alias' owner");
    }

    @Test
    void sieveScriptSetThroughWebAdminAppliesAtOnce() throws Exception {
        // The active sieve script is remembered for a few seconds (CachedJpaSieveRepository): a script set here
        // must sort the very next mail, although the mail before it was delivered with "no script" remembered.
        Store store = FLOW.clients().imaps(D, PASSWORD_B);
        try {
            Folder archive = store.getFolder("LuuTru");
            assertTrue(archive.exists() || archive.create(Folder.HOLDS_MESSAGES));
        } finally {
            store.close();
        }
        String before = "Truoc bo loc " + System.nanoTime();
        sendFromOutside(D, before);
        FLOW.awaitMessage(D, PASSWORD_B, "INBOX", before);

        String script = "require \"fileinto\";\r\nif header :contains \"subject\" \"Luu tru\" {\r\n"
            + "    fileinto \"LuuTru\";\r\n}\r\n";
        var response = FLOW.server().webadmin("PUT", "/sieve/" + D + "/scripts/loc-thu?activate=true", script);
        assertEquals(204, response.statusCode(), response.body());
        String after = "Luu tru " + System.nanoTime();
        sendFromOutside(D, after);
        assertEquals(after, FLOW.awaitMessage(D, PASSWORD_B, "LuuTru", after).getSubject(), "filed by the new script");
    }

    private void sendFromOutside(String recipient, String subject) throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            String rcpt = smtp.send("RCPT TO:<" + recipient + ">");
            assertEquals(250, SmtpDialog.code(rcpt), rcpt);
            String reply = smtp.data("From: van.thu@other.example.org\r\nTo: " + recipient + "\r\nSubject: " + subject
                + "\r\n\r\nvan ban\r\n");
            assertEquals(250, SmtpDialog.code(reply), reply);
        }
    }

    @Test
    void submissionRequiresAuthentication() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().submissionPort, FLOW.clients().tls())) {
            smtp.send("EHLO client.test");
            smtp.startTls();
            smtp.send("EHLO client.test");
            String reply = smtp.send("MAIL FROM:<someone@other.example.org>");
            assertEquals(530, SmtpDialog.code(reply), reply);
        }
        try (SmtpDialog smtps = SmtpDialog.implicitTls(FLOW.server().smtpsPort, FLOW.clients().tls())) {
            smtps.send("EHLO client.test");
            String reply = smtps.send("MAIL FROM:<someone@other.example.org>");
            assertEquals(530, SmtpDialog.code(reply), reply);
        }
    }

    @Test
    void listensOnItsConfiguredPortsOnlyAndOnLoopback() throws Exception {
        // James' own ActiveMQ broker also listened on tcp://localhost at a random port, without authentication:
        // a way into the spool past every SMTP check. The queue is now files (FileMailQueue) and must stay unreachable.
        Set<String> expected = new TreeSet<>();
        for (int port : new int[] {FLOW.server().smtpPort, FLOW.server().submissionPort, FLOW.server().smtpsPort, FLOW.server().imapPort,
                FLOW.server().imapsPort, FLOW.server().pop3Port, FLOW.server().pop3sPort, FLOW.server().webadminPort}) {
            expected.add("127.0.0.1:" + port);
        }
        assertEquals(expected, FLOW.server().listeningSockets());
    }

    @Test
    void openRelayIsRefused() throws Exception {
        // From loopback, in clear and over STARTTLS: loopback is not a trusted network.
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO relay.test");
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<spammer@other.example.org>")));
            String reply = smtp.send("RCPT TO:<victim@elsewhere.example.com>");
            assertTrue(SmtpDialog.code(reply) >= 500, "relay refused: " + reply);
        }
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO relay.test");
            smtp.startTls();
            smtp.send("EHLO relay.test");
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<spammer@other.example.org>")));
            String reply = smtp.send("RCPT TO:<victim@elsewhere.example.com>");
            assertTrue(SmtpDialog.code(reply) >= 500, "relay refused over TLS: " + reply);
        }
    }

    @Test
    void inboundMailFromAnotherDomainIsDelivered() throws Exception {
        String subject = "Inbound " + System.nanoTime();
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<van.thu@other.example.org>")));
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + B + ">")));
            String reply = smtp.data("From: van.thu@other.example.org\r\nTo: " + B + "\r\nSubject: " + subject
                + "\r\n\r\n.leading dot line\r\nbody\r\n");
            assertEquals(250, SmtpDialog.code(reply), reply);
        }
        Message received = FLOW.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        assertTrue(((String) received.getContent()).contains(".leading dot line"));
    }

    @Test
    void unauthenticatedLocalSenderIsRefusedOnMx() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO spoofer.test");
            String reply = smtp.send("MAIL FROM:<" + A + ">");
            assertEquals(530, SmtpDialog.code(reply), reply);
        }
    }

    @Test
    void senderMustMatchAuthenticatedUser() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().submissionPort, FLOW.clients().tls())) {
            smtp.send("EHLO client.test");
            smtp.startTls();
            smtp.send("EHLO client.test");
            assertEquals(235, SmtpDialog.code(smtp.authPlain(A, PASSWORD_A)));
            String reply = smtp.send("MAIL FROM:<" + B + ">");
            assertTrue(SmtpDialog.code(reply) >= 500, "spoofing refused: " + reply);
        }
    }

    @Test
    void unknownLocalRecipientIsRefused() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().smtpPort, FLOW.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            String reply = smtp.send("RCPT TO:<khong.ton.tai@" + MailServerProcess.DOMAIN + ">");
            assertTrue(SmtpDialog.code(reply) >= 500, reply);
        }
    }

    @Test
    void oversizedMailIsRefusedWithAClearError() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().submissionPort, FLOW.clients().tls())) {
            smtp.send("EHLO client.test");
            smtp.startTls();
            String ehlo = smtp.send("EHLO client.test");
            assertTrue(ehlo.contains("SIZE 26214400"), "25 MB limit announced: " + ehlo);
            smtp.authPlain(A, PASSWORD_A);
            String declared = smtp.send("MAIL FROM:<" + A + "> SIZE=30000000");
            assertEquals(552, SmtpDialog.code(declared), declared);
        }
        // Undeclared size: the limit is enforced on the data itself.
        String subject = "Too big " + System.nanoTime();
        Session session = FLOW.clients().submissionSession();
        MimeMessage big = FLOW.clients().message(session, A, B, subject, "x".repeat(76).concat("\n").repeat(26 * 1024 * 1024 / 77 + 1));
        MessagingException refused = assertThrows(MessagingException.class, () -> Transport.send(big, A, PASSWORD_A));
        assertTrue(String.valueOf(refused.getMessage()).contains("552") || String.valueOf(refused.getNextException()).contains("552"),
            "552 reported: " + refused);
        Store store = FLOW.clients().imaps(B, PASSWORD_B);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertEquals(0, inbox.search(new SubjectTerm(subject)).length);
        store.close();
    }
}
