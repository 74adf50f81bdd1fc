package vn.congvu.mail.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;
import vn.congvu.mail.testing.MailboxSnapshot;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * The mail server on accounts from a real slapd: login with the mail address, disabled officials,
 * group addresses expanded to their members. ldaptive (inside James) and James' own listeners
 * run on the one Netty version of the module here.
 */
class DirectoryAccountsTest {
    private static final String AN = OfficialsDirectory.mail("an");
    private static final String BINH = OfficialsDirectory.mail("binh");
    private static final String CUONG = OfficialsDirectory.mail("cuong");
    private static final String DUNG = OfficialsDirectory.mail("dung");
    private static final String PASSWORD = OfficialsDirectory.PASSWORD;

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd();

    @Test
    void officialsLogInWithTheirMailAddressOnly() throws Exception {
        Store store = MAIL.clients().imaps(AN, PASSWORD);
        assertTrue(store.isConnected());
        store.close();
        assertThrows(AuthenticationFailedException.class, () -> MAIL.clients().imaps("an", PASSWORD), "bare uid refused");
        assertThrows(AuthenticationFailedException.class, () -> MAIL.clients().imaps(AN, "sai-mat-khau"), "wrong password");
        try (SmtpDialog smtp = SmtpDialog.implicitTls(MAIL.server().smtpsPort, MAIL.clients().tls())) {
            smtp.send("EHLO client.test");
            assertEquals(535, SmtpDialog.code(smtp.authPlain(AN, "sai-mat-khau")));
            assertEquals(235, SmtpDialog.code(smtp.authPlain(AN, PASSWORD)));
        }
    }

    @Test
    void disabledOfficialCannotLogInNorReceive() throws Exception {
        assertThrows(AuthenticationFailedException.class, () -> MAIL.clients().imaps(DUNG, PASSWORD));
        try (SmtpDialog smtp = SmtpDialog.plain(MAIL.server().smtpPort, MAIL.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            String reply = smtp.send("RCPT TO:<" + DUNG + ">");
            assertEquals(550, SmtpDialog.code(reply), reply);
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + BINH + ">")), "an active official is accepted");
        }
    }

    @Test
    void groupAddressReachesEveryActiveMemberOnce() throws Exception {
        String subject = "Giấy mời họp giao ban " + System.nanoTime();
        // vanphong: binh, dung (disabled), lanhdao → cuong, binh, vanphong (cycle). Also addressed to binh directly.
        MAIL.clients().submit(AN, PASSWORD, OfficialsDirectory.mail("vanphong"), subject, "Kính mời các đồng chí dự họp.");
        MAIL.server().awaitSpoolDrained(Duration.ofSeconds(60));
        for (String member : new String[] {BINH, CUONG}) {
            Store store = MAIL.clients().imaps(member, PASSWORD);
            Map<String, Integer> inbox = MailboxSnapshot.of(store, "INBOX").subjectCounts();
            store.close();
            assertEquals(1, inbox.getOrDefault(subject, 0), member + " gets exactly one copy");
        }
        Store sender = MAIL.clients().imaps(AN, PASSWORD);
        assertEquals(0, MailboxSnapshot.of(sender, "INBOX").subjectCounts().getOrDefault(subject, 0),
            "the sender is not a member");
        sender.close();
    }

    @Test
    void groupAddressesAreAcceptedAtRcpt() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(MAIL.server().smtpPort, MAIL.clients().tls())) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + OfficialsDirectory.mail("lanhdao") + ">")));
            assertEquals(550, SmtpDialog.code(smtp.send("RCPT TO:<" + OfficialsDirectory.mail("khong-co") + ">")));
        }
    }
}
