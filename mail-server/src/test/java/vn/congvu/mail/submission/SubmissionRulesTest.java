package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.mail.Folder;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * What a signed-in official may submit, on a real slapd, through Angus Mail (the submission port with STARTTLS, and
 * SMTPS) and raw dialogs for the header forms mail clients do not write: mail as themselves or as a group they
 * belong to, never as someone else; nothing carrying a secrecy mark. Every refused message is absent from the
 * recipient's INBOX.
 */
class SubmissionRulesTest {
    private static final String PASSWORD = "Mat-khau-dung-2026";
    private static final String CLERK = MailServerProcess.address("van.thu");
    private static final String CHAIRMAN = MailServerProcess.address("chu.tich");
    private static final String READER = MailServerProcess.address("nguoi.nhan");
    private static final String OFFICE = MailServerProcess.address("van.phong");
    private static final String OTHER_GROUP = MailServerProcess.address("phong.khac");

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .account(CLERK, PASSWORD)
        .account(CHAIRMAN, PASSWORD)
        .account(READER, PASSWORD);

    static MailServerProcess server;
    static MailClients clients;

    @BeforeAll
    static void groups() throws Exception {
        server = MAIL.server();
        clients = MAIL.clients();
        OfficialsDirectory.addGroup(MAIL.slapd(), OFFICE, List.of(CLERK, READER));
        OfficialsDirectory.addGroup(MAIL.slapd(), OTHER_GROUP, List.of(CHAIRMAN));
    }

    @Test
    void anOfficialSendsAsThemselvesAndAsTheirGroup() throws Exception {
        clients.submit(CLERK, PASSWORD, READER, "own address", "x");
        Session session = clients.smtpsSession();
        MimeMessage asOffice = clients.message(session, OFFICE, READER, "as the office", "x");
        asOffice.setSender(new InternetAddress(CLERK.toUpperCase()));
        asOffice.saveChanges();
        try (Transport smtps = session.getTransport("smtps")) {
            smtps.connect(CLERK, PASSWORD);
            smtps.sendMessage(asOffice, asOffice.getAllRecipients());
        }
        List<String> subjects = subjectsOf(READER);
        assertTrue(subjects.containsAll(List.of("as the office", "own address")), subjects.toString());
    }

    @Test
    void aForgedFromOrSenderIsRefusedWithItsReason() throws Exception {
        Session session = clients.submissionSession();
        // the envelope names the official (James' verifyIdentity checks that much); the headers do not
        session.getProperties().put("mail.smtp.from", CLERK);
        SendFailedException forged = assertThrows(SendFailedException.class, () -> Transport.send(
            clients.message(session, CHAIRMAN, READER, "forged chairman", "Chỉ đạo giả"), CLERK, PASSWORD));
        String reply = forged.getMessage() + " " + forged.getNextException();
        assertTrue(reply.contains("550 5.7.1 From: " + CHAIRMAN + " is not your address nor a group you belong to; send as "
            + CLERK), reply);

        assertThrows(SendFailedException.class, () -> Transport.send(
            clients.message(session, OTHER_GROUP, READER, "a group not mine", "x"), CLERK, PASSWORD));
        MimeMessage sender = clients.message(session, CLERK, READER, "forged sender", "x");
        sender.setSender(new InternetAddress(CHAIRMAN));
        assertThrows(SendFailedException.class, () -> Transport.send(sender, CLERK, PASSWORD));

        try (SmtpDialog smtp = SmtpDialog.implicitTls(server.smtpsPort, clients.tls())) {
            smtp.send("EHLO client.example.gov.vn");
            assertEquals(235, SmtpDialog.code(smtp.authPlain(CLERK, PASSWORD)));
            for (String from : List.of(CLERK + ", " + CHAIRMAN, "undisclosed-senders:;", "\"Chủ tịch\" <" + CHAIRMAN + ">")) {
                assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<" + CLERK + ">")));
                assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + READER + ">")));
                String refused = smtp.data("From: " + from + "\r\nTo: " + READER + "\r\nSubject: raw\r\n\r\nx\r\n");
                assertEquals(550, SmtpDialog.code(refused), from + ": " + refused);
                assertTrue(refused.startsWith("550 5.7.1 From: "), refused);
            }
        }
        assertTrue(subjectsOf(READER).stream().noneMatch(s -> s.contains("forged") || s.contains("raw")
            || s.contains("not mine")), "nothing refused was delivered");
    }

    @Test
    void mailFromOtherServersIsNotTheSubmissionChecksBusiness() throws Exception {
        clients.fromOutside(List.of(CHAIRMAN), "from another domain");
        assertTrue(subjectsOf(CHAIRMAN).contains("from another domain"));
    }

    @Test
    void aSecrecyMarkInTheSubjectOrItsHeaderIsRefusedNamingTheRule() throws Exception {
        Session session = clients.submissionSession();
        for (String subject : List.of("[MẬT] Kế hoạch", "Báo cáo [tối mật]", "[ Tuyet  Mat ] ban chi dao", "[mat] x")) {
            SendFailedException refused = assertThrows(SendFailedException.class, () -> Transport.send(
                clients.message(session, CLERK, READER, subject, "nội dung"), CLERK, PASSWORD), subject);
            String reply = refused.getMessage() + " " + refused.getNextException();
            assertTrue(reply.contains("550 5.7.1 Secrecy mark [") && reply.contains("] in Subject"), subject + ": " + reply);
        }
        MimeMessage headed = clients.message(session, CLERK, READER, "khong danh dau", "x");
        headed.setHeader("X-CongVu-Secrecy", "mat");
        SendFailedException refused = assertThrows(SendFailedException.class, () -> Transport.send(headed, CLERK, PASSWORD));
        assertTrue((refused.getMessage() + " " + refused.getNextException()).contains("X-CongVu-Secrecy"));

        // a word that merely contains the letters, and brackets around something else, pass
        clients.submit(CLERK, PASSWORD, READER, "Mật khẩu mới [MATLAB] [bí mật nhà nông]", "x");
        List<String> subjects = subjectsOf(READER);
        assertTrue(subjects.contains("Mật khẩu mới [MATLAB] [bí mật nhà nông]"), subjects.toString());
        assertTrue(subjects.stream().noneMatch(s -> s.contains("Kế hoạch") || s.contains("khong danh dau")), subjects.toString());
    }

    private static List<String> subjectsOf(String official) throws Exception {
        Store store = clients.imaps(official, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new java.util.ArrayList<>();
            for (var message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            subjects.sort(null);
            return subjects;
        } finally {
            store.close();
        }
    }
}
