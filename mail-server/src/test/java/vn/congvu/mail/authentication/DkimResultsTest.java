package vn.congvu.mail.authentication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.mail.testing.MailFlowServer.A;
import static vn.congvu.mail.testing.MailFlowServer.B;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_A;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_B;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import vn.congvu.mail.signature.SigningKey;
import vn.congvu.mail.testing.DkimPeer;
import vn.congvu.mail.testing.MailFlowServer;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * Mail from another domain's server on the MX port gets our Authentication-Results header: dkim=pass for mail
 * dkimpy signed, fail once it is altered, none unsigned, temperror when the key cannot be looked up; a header from
 * outside claiming our name is removed, another server's stays; in mail an official submits too. The signer's key
 * comes from the DNS records file.
 */
class DkimResultsTest {
    private static final String PEER = "other.example.org";
    private static final String UNREACHABLE = "unreachable.example.net";
    private static Path peerKey;

    @RegisterExtension
    static final RunningMailServer MAIL = MailFlowServer.fourOfficials()
        .environment("CONGVU_DNS_RECORDS", directory -> {
            Path home = directory.newHome("peer");
            peerKey = home.resolve("peer.key.pem");
            SigningKey key = SigningKey.loadOrCreate(peerKey);
            Path records = home.resolve("dns-records.txt");
            // as a zone file has it: the 2048-bit key's text in two quoted strings
            String text = key.recordText();
            Files.writeString(records, "congvu._domainkey." + PEER + " TXT \"" + text.substring(0, 200) + "\" \""
                + text.substring(200) + "\"\n");
            return records.toString();
        })
        // nothing answers DNS here: keys not in the records file cannot be looked up
        .environment("CONGVU_DNS_SERVER", "127.0.0.1");

    @Test
    void signedByThePeerPasses() throws Exception {
        String subject = "signed " + System.nanoTime();
        deliver(DkimPeer.sign(peerKey, PEER, "congvu", message(subject, "")));
        assertEquals("example.gov.vn; dkim=pass header.d=other.example.org header.s=congvu", results(subject));
    }

    @Test
    void alteredAfterSigningFails() throws Exception {
        String subject = "altered " + System.nanoTime();
        String signed = new String(DkimPeer.sign(peerKey, PEER, "congvu", message(subject, "")), StandardCharsets.UTF_8);
        deliver(signed.replace("Noi dung", "Noi dung da sua").getBytes(StandardCharsets.UTF_8));
        String results = results(subject);
        assertTrue(results.startsWith("example.gov.vn; dkim=fail ("), results);
        assertTrue(results.endsWith(" header.d=other.example.org header.s=congvu"), results);
    }

    @Test
    void unsignedIsNone() throws Exception {
        String subject = "unsigned " + System.nanoTime();
        deliver(message(subject, ""));
        assertEquals("example.gov.vn; dkim=none", results(subject));
    }

    @Test
    void aKeyThatCannotBeLookedUpIsTemperror() throws Exception {
        String subject = "temperror " + System.nanoTime();
        Path otherKey = Files.createTempDirectory("unreachable").resolve("key.pem");
        deliver(DkimPeer.sign(otherKey(otherKey), UNREACHABLE, "s1", message(subject, "")));
        String results = results(subject);
        assertTrue(results.startsWith("example.gov.vn; dkim=temperror ("), results);
        assertTrue(results.endsWith(" header.d=unreachable.example.net header.s=s1"), results);
    }

    @Test
    void forgedResultsNamingUsAreRemovedOthersKept() throws Exception {
        String subject = "forged " + System.nanoTime();
        deliver(message(subject, "Authentication-Results: example.gov.vn; dkim=pass header.d=example.gov.vn\r\n"
            + "Authentication-Results: EXAMPLE.GOV.VN (sic); spf=pass\r\n"
            + "Authentication-Results: mx.other.example.org; spf=pass smtp.mailfrom=other.example.org\r\n"));
        Message received = MAIL.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        String[] all = received.getHeader("Authentication-Results");
        assertEquals(2, all.length, String.join(" | ", all));
        assertTrue(java.util.Arrays.asList(all).contains("mx.other.example.org; spf=pass smtp.mailfrom=other.example.org"),
            String.join(" | ", all));
        assertTrue(java.util.Arrays.asList(all).contains("example.gov.vn; dkim=none"), String.join(" | ", all));
    }

    @Test
    void forgedResultsInSubmittedMailAreRemoved() throws Exception {
        String subject = "submitted forged " + System.nanoTime();
        Session session = MAIL.clients().submissionSession();
        MimeMessage message = MAIL.clients().message(session, A, B, subject, "noi dung");
        message.addHeader("Authentication-Results", "example.gov.vn; dkim=pass header.d=tinh.example.gov.vn");
        message.addHeader("Authentication-Results", "mx.other.example.org; spf=pass");
        Transport.send(message, A, PASSWORD_A);

        Message received = MAIL.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        assertArrayEquals(new String[] {"mx.other.example.org; spf=pass"}, received.getHeader("Authentication-Results"));
    }

    private static Path otherKey(Path file) throws Exception {
        SigningKey.loadOrCreate(file);
        return file;
    }

    private static byte[] message(String subject, String extraHeaders) {
        return (extraHeaders
            + "From: Van thu <van.thu@" + PEER + ">\r\n"
            + "To: " + B + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Tue, 08 Dec 2026 08:00:00 +0700\r\n"
            + "Message-ID: <" + subject.replace(' ', '.') + "@" + PEER + ">\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "Kinh gui,\r\nNoi dung cong van.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Over the MX port as another domain's server does: no AUTH, its own envelope sender. */
    private static void deliver(byte[] message) throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(MAIL.server().smtpPort, MAIL.tls())) {
            smtp.send("EHLO mx." + PEER);
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<van.thu@" + PEER + ">")));
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + B + ">")));
            String text = new String(message, StandardCharsets.UTF_8);
            assertEquals(250, SmtpDialog.code(smtp.data(text.endsWith("\r\n") ? text.substring(0, text.length() - 2) : text)));
        }
    }

    /** Our Authentication-Results header of the delivered mail, unfolded. */
    private static String results(String subject) throws Exception {
        Message received = MAIL.awaitMessage(B, PASSWORD_B, "INBOX", subject);
        String[] all = received.getHeader("Authentication-Results");
        assertEquals(1, all.length, String.join(" | ", all));
        return all[0].replaceAll("\\s*\\r?\\n\\s*", " ");
    }
}
