package vn.congvu.mail.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.mail.testing.MailFlowServer.B;
import static vn.congvu.mail.testing.MailFlowServer.D;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_A;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_B;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import vn.congvu.mail.testing.ImapDialog;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailFlowServer;
import vn.congvu.mail.testing.RunningMailServer;

/**
 * Quotas over IMAP: the default of quota.properties reported, a limit set through WebAdmin applied at once, and an
 * append over quota refused with nothing stored.
 * Real clients over TLS against one running server whose accounts are officials of a real slapd.
 */
class QuotaFlowTest {
    @RegisterExtension
    static final RunningMailServer FLOW = MailFlowServer.fourOfficials();

    @Test
    void quotaSetThroughWebAdminAppliesAtOnce() throws Exception {
        // Quota limits are remembered for a few seconds (CachedJpaMaxQuotaManager): a new limit must show at once.
        try (ImapDialog imap = ImapDialog.implicitTls(FLOW.server().imapsPort, FLOW.clients().tls())) {
            imap.send("LOGIN " + D + " " + PASSWORD_B);
            assertTrue(String.join(" ", imap.send("GETQUOTAROOT INBOX")).contains(" 5242880)"), "the default first");
            assertEquals(204, FLOW.server().webadmin("PUT", "/quota/users/" + D + "/size", "1073741824").statusCode());
            List<String> quota = imap.send("GETQUOTAROOT INBOX");
            assertTrue(String.join(" ", quota).matches(".*\\* QUOTA \\S+ \\(STORAGE \\d+ 1048576.*"), "1 GB now: " + quota);
        }
    }

    @Test
    void anAppendOverQuotaIsRefusedAndNothingIsStored() throws Exception {
        String e = MailServerProcess.address("le.van.e");
        FLOW.server().createUser(e, PASSWORD_A);
        assertEquals(204, FLOW.server().webadmin("PUT", "/quota/users/" + e + "/size", "100").statusCode());
        Store store = FLOW.clients().imaps(e, PASSWORD_A);
        try {
            Folder inbox = store.getFolder("INBOX");
            MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
            message.setFrom(e);
            message.setSubject("Qua han muc");
            message.setText("Noi dung dai hon mot tram byte: " + "x".repeat(200));
            MessagingException refused = assertThrows(MessagingException.class,
                () -> inbox.appendMessages(new Message[] {message}));
            assertTrue(String.valueOf(refused.getMessage()).contains("OVERQUOTA"), String.valueOf(refused.getMessage()));
            inbox.open(Folder.READ_ONLY);
            assertEquals(0, inbox.getMessageCount(), "nothing stored");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void defaultQuotaIsReportedOverImap() throws Exception {
        try (ImapDialog imap = ImapDialog.implicitTls(FLOW.server().imapsPort, FLOW.clients().tls())) {
            imap.send("LOGIN " + B + " " + PASSWORD_B);
            List<String> quota = imap.send("GETQUOTAROOT INBOX");
            String all = String.join(" ", quota);
            assertTrue(all.matches(".*\\* QUOTA \\S+ \\(STORAGE \\d+ 5242880.*"), "5 GB default of quota.properties: " + quota);
        }
    }
}
