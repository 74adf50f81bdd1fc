package vn.congvu.mail.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.mail.testing.MailFlowServer.A;
import static vn.congvu.mail.testing.MailFlowServer.B;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_A;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_B;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import vn.congvu.mail.testing.DkimPeer;
import vn.congvu.mail.testing.MailFlowServer;
import vn.congvu.mail.testing.PublishedRecord;
import vn.congvu.mail.testing.RemoteMx;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * Mail an official sends to another domain leaves DKIM-signed: the remote MX (aiosmtpd, its MX given by the
 * records file) receives it, and dkimpy, given the TXT record {@code ./congvu dkim} prints, says pass; the same
 * mail altered fails. Local mail is not signed.
 */
class OutgoingSignatureTest {
    private static final String REMOTE = "other.example.org";
    private static final String SEVEN_BIT_REMOTE = "xa.example.org";
    private static final RemoteMx REMOTE_MX = new RemoteMx(REMOTE, true);
    private static final RemoteMx SEVEN_BIT_MX = new RemoteMx(SEVEN_BIT_REMOTE, false);

    @RegisterExtension
    static final RunningMailServer MAIL = MailFlowServer.fourOfficials()
        .environment("CONGVU_DNS_RECORDS", directory ->
            RemoteMx.records(directory.newHome("remote-mx").resolve("dns-records.txt"), REMOTE_MX, SEVEN_BIT_MX).toString());

    @AfterAll
    static void stopRemoteMx() throws InterruptedException {
        REMOTE_MX.close();
        SEVEN_BIT_MX.close();
    }

    @Test
    void mailToAnotherDomainVerifiesWithThePublishedRecord() throws Exception {
        String subject = "Công văn liên thông " + System.nanoTime();
        MAIL.clients().submit(A, PASSWORD_A, "van.thu@" + REMOTE, subject, "Kính gửi Văn phòng,\nNội dung.");
        byte[] sent = REMOTE_MX.awaitMail(1, MAIL.server());

        MimeMessage received = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sent));
        String[] signatures = received.getHeader("DKIM-Signature");
        assertEquals(1, signatures.length, new String(sent, StandardCharsets.UTF_8));
        String signature = signatures[0].replaceAll("\\s+", "");
        assertTrue(signature.contains("a=rsa-sha256"), signature);
        assertTrue(signature.contains("c=relaxed/relaxed"), signature);
        assertTrue(signature.contains("d=example.gov.vn"), signature);
        assertTrue(signature.contains("s=congvu"), signature);
        assertTrue(Pattern.compile("h=From:From:To:Cc:Subject:Date:Message-ID", Pattern.CASE_INSENSITIVE)
            .matcher(signature).find(), signature);
        assertEquals(subject, received.getSubject());

        String record = PublishedRecord.of(MAIL.server());
        assertTrue(record.startsWith("congvu._domainkey.example.gov.vn IN TXT \"v=DKIM1; k=rsa; p="), record);
        assertEquals("dkim pass", DkimPeer.verify(record, sent));

        String altered = new String(sent, StandardCharsets.UTF_8).replace("Subject:", "Subject: [sửa]");
        assertEquals("dkim fail", DkimPeer.verify(record, altered.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eightBitMailToAServerWithout8BitMimeStillVerifies() throws Exception {
        String subject = "8bit " + System.nanoTime();
        try (SmtpDialog smtp = SmtpDialog.plain(MAIL.server().submissionPort, MAIL.tls())) {
            smtp.send("EHLO client.example.gov.vn");
            smtp.startTls();
            smtp.send("EHLO client.example.gov.vn");
            assertEquals(235, SmtpDialog.code(smtp.authPlain(A, PASSWORD_A)));
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<" + A + "> BODY=8BITMIME")));
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<van.thu@" + SEVEN_BIT_REMOTE + ">")));
            assertEquals(250, SmtpDialog.code(smtp.data("From: " + A + "\r\nTo: van.thu@" + SEVEN_BIT_REMOTE
                + "\r\nSubject: " + subject + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8"
                + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\nKính gửi Ủy ban nhân dân xã,\r\nđề nghị báo cáo.")));
        }
        byte[] sent = SEVEN_BIT_MX.awaitMail(1, MAIL.server());
        String text = new String(sent, StandardCharsets.US_ASCII);
        assertTrue(text.chars().allMatch(c -> c < 128), "7bit for a server without 8BITMIME:\n" + text);
        assertEquals("dkim pass", DkimPeer.verify(PublishedRecord.of(MAIL.server()), sent));
    }

    @Test
    void theKeyIsOwnerOnlyUnderTheMailData() throws Exception {
        Path key = MAIL.server().home.resolve("mail/var/dkim/congvu.key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void localMailIsNotSigned() throws Exception {
        String subject = "Nội bộ " + System.nanoTime();
        MAIL.clients().submit(A, PASSWORD_A, B, subject, "trong tỉnh");
        Message received = MAIL.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        assertNull(received.getHeader("DKIM-Signature"));
    }
}
