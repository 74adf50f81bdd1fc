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

/**
 * Mail an official sends to another domain leaves DKIM-signed: the remote MX (aiosmtpd, its MX given by the
 * records file) receives it, and dkimpy, given the TXT record {@code ./congvu dkim} prints, says pass; the same
 * mail altered fails. Local mail is not signed.
 */
class OutgoingSignatureTest {
    private static final String REMOTE = "other.example.org";
    private static final RemoteMx REMOTE_MX = new RemoteMx(REMOTE);

    @RegisterExtension
    static final RunningMailServer MAIL = MailFlowServer.fourOfficials()
        .environment("CONGVU_DNS_RECORDS", directory -> REMOTE_MX.start(directory.newHome("remote-mx")).toString());

    @AfterAll
    static void stopRemoteMx() throws InterruptedException {
        REMOTE_MX.close();
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
