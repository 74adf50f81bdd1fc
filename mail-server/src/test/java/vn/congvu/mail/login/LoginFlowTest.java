package vn.congvu.mail.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.mail.testing.MailFlowServer.A;
import static vn.congvu.mail.testing.MailFlowServer.B;
import static vn.congvu.mail.testing.MailFlowServer.C;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_A;
import static vn.congvu.mail.testing.MailFlowServer.PASSWORD_B;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;

import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.ImapDialog;
import vn.congvu.mail.testing.MailFlowServer;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * Logging in on IMAP and SMTP: credentials only over TLS, wrong passwords refused, repeated failures of an account
 * slowed down on both protocols while its right password is answered at once.
 * Real clients over TLS against one running server whose accounts are officials of a real slapd.
 */
class LoginFlowTest {
    @RegisterExtension
    static final RunningMailServer FLOW = MailFlowServer.fourOfficials();

    @Test
    void imapLoginIsRefusedBeforeStartTls() throws Exception {
        String plain = java.util.Base64.getEncoder().encodeToString(("\0" + B + "\0" + PASSWORD_B).getBytes(StandardCharsets.UTF_8));
        try (ImapDialog imap = ImapDialog.plain(FLOW.server().imapPort)) {
            String capabilities = String.join(" ", imap.send("CAPABILITY"));
            assertTrue(capabilities.contains("LOGINDISABLED"), capabilities);
            assertTrue(capabilities.contains("STARTTLS"), capabilities);
            assertFalse(capabilities.contains("AUTH=PLAIN"), capabilities);
            assertFalse(ImapDialog.completion(imap.send("LOGIN " + B + " " + PASSWORD_B)).startsWith("OK"));
            assertFalse(ImapDialog.completion(imap.send("AUTHENTICATE PLAIN " + plain)).startsWith("OK"));

            imap.startTls(FLOW.clients().tls());
            assertTrue(ImapDialog.completion(imap.send("LOGIN " + B + " " + PASSWORD_B)).startsWith("OK"));
        }
        Store store = FLOW.clients().imapStartTls(B, PASSWORD_B);
        assertTrue(store.isConnected(), "a real client logs in after STARTTLS");
        store.close();
    }

    @Test
    void smtpAuthIsOfferedOnlyAfterStartTls() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().submissionPort, FLOW.clients().tls())) {
            String before = smtp.send("EHLO client.test");
            assertFalse(before.contains("AUTH"), before);
            assertTrue(before.contains("STARTTLS"), before);
            assertEquals(538, SmtpDialog.code(smtp.authPlain(A, PASSWORD_A)), "a correct password in clear text is still refused");
            smtp.startTls();
            String after = smtp.send("EHLO client.test");
            assertTrue(after.contains("AUTH"), after);
            assertEquals(235, SmtpDialog.code(smtp.authPlain(A, PASSWORD_A)));
        }
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(FLOW.server().submissionPort, FLOW.clients().tls())) {
            smtp.send("EHLO client.test");
            smtp.startTls();
            smtp.send("EHLO client.test");
            assertEquals(535, SmtpDialog.code(smtp.authPlain(A, "wrong-password")));
        }
        assertThrows(AuthenticationFailedException.class, () -> FLOW.clients().imaps(A, "wrong-password"));
        assertThrows(AuthenticationFailedException.class,
            () -> FLOW.clients().submit(A, "wrong-password", B, "never", "never"));
    }

    @Test
    void repeatedFailedLoginsAreDelayed() throws Exception {
        long[] millis = new long[3];
        try (SmtpDialog smtp = SmtpDialog.implicitTls(FLOW.server().smtpsPort, FLOW.clients().tls())) {
            smtp.send("EHLO guesser.test");
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                assertEquals(535, SmtpDialog.code(smtp.authPlain(C, "guess-" + i)));
                millis[i] = (System.nanoTime() - start) / 1_000_000;
            }
        }
        assertTrue(millis[2] >= 900, "third failure held about 1 s: " + Arrays.toString(millis));
        long start = System.nanoTime();
        try (ImapDialog imap = ImapDialog.implicitTls(FLOW.server().imapsPort, FLOW.clients().tls())) {
            assertTrue(ImapDialog.completion(imap.send("LOGIN " + C + " wrong-again")).startsWith("NO"));
        }
        long imapMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(imapMillis >= 1900, "the same account is slowed on IMAP too: " + imapMillis + " ms");
        // The delay is added to failures only: the right password, sent while a wrong one sent before it is
        // being held, is answered first, and succeeds (its success clears the account's record).
        try (ExactImap guesser = ExactImap.tls(FLOW.server().imapsPort, FLOW.clients().tls())) {
            guesser.send("g1 LOGIN " + C + " wrong-once-more\r\n");
            List<String> answered = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<String> wrong = CompletableFuture.supplyAsync(() -> {
                try {
                    String answer = guesser.answer("g1");
                    answered.add("wrong password");
                    return answer;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            FLOW.clients().imaps(C, PASSWORD_A).close();
            answered.add("right password");
            assertTrue(wrong.get(60, TimeUnit.SECONDS).contains("g1 NO"), "the guess is still refused");
            assertEquals(List.of("right password", "wrong password"), answered,
                "the right password is never held behind a failure of its account");
        }
    }
}
