package vn.congvu.mail.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import vn.congvu.directory.testing.Slapd;
import vn.congvu.mail.testing.ImapDialog;
import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailboxSnapshot;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.SlapdAccounts;
import vn.congvu.mail.testing.SmtpDialog;
import vn.congvu.mail.testing.SmtpLoad;

/**
 * LDAP down is a temporary condition for the mail server: it starts without it, answers "try later"
 * (IMAP NO, SMTP 454/451) instead of "wrong password"/"no such user", and works again as soon as
 * the directory is back, without a restart.
 */
class DirectoryOutageTest {
    private static final String AN = OfficialsDirectory.mail("an");
    private static final String BINH = OfficialsDirectory.mail("binh");
    private static final String PASSWORD = OfficialsDirectory.PASSWORD;

    /** A fresh slapd for each test: they stop it. */
    @RegisterExtension
    final SlapdAccounts directory = new SlapdAccounts();

    @Test
    void startsWhileLdapIsDownFailsTemporarilyAndRecovers() throws Exception {
        Slapd slapd = directory.slapd();
        slapd.stop();
        MailServerProcess server = directory.mailServer(directory.newHome("mail"));
        try {
            server.start();
            MailClients clients = new MailClients(server);

            try (ImapDialog imap = ImapDialog.implicitTls(server.imapsPort, clients.tls())) {
                String plain = java.util.Base64.getEncoder().encodeToString(
                    ("\0" + AN + "\0" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                List<String> login = imap.send("AUTHENTICATE PLAIN " + plain);
                assertTrue(ImapDialog.completion(login).startsWith("NO [UNAVAILABLE]"), "IMAP: try later (RFC 5530): " + login);
            }
            try (SmtpDialog smtp = SmtpDialog.implicitTls(server.smtpsPort, clients.tls())) {
                smtp.send("EHLO client.test");
                String auth = smtp.authPlain(AN, PASSWORD);
                assertEquals(454, SmtpDialog.code(auth), "SMTP AUTH: temporary failure, not 535: " + auth);
            }
            try (SmtpDialog smtp = SmtpDialog.plain(server.smtpPort, clients.tls())) {
                smtp.send("EHLO mx.other.example.org");
                smtp.send("MAIL FROM:<van.thu@other.example.org>");
                String rcpt = smtp.send("RCPT TO:<" + BINH + ">");
                assertEquals(451, SmtpDialog.code(rcpt), "RCPT: try later, not unknown user: " + rcpt);
            }

            slapd.startAgain();
            Store store = awaitLogin(clients, AN);
            store.close();
            String subject = "Sau khi LDAP trở lại " + System.nanoTime();
            clients.submit(AN, PASSWORD, BINH, subject, "ok");
            server.awaitSpoolDrained(Duration.ofSeconds(60));
            Store binh = clients.imaps(BINH, PASSWORD);
            assertEquals(1, MailboxSnapshot.of(binh, "INBOX").subjectCounts().getOrDefault(subject, 0));
            binh.close();
        } finally {
            server.stop();
        }
    }

    @Test
    void imapLoginWhileLdapIsStoppedAnswersUnavailableNotWrongPassword() throws Exception {
        Slapd slapd = directory.slapd();
        // LOGIN takes quoted strings in ASCII (James 3.8.1 refuses 8-bit literals there): an ASCII password.
        String ascii = "Ascii-Pass-2026";
        OfficialsDirectory.modifyOfficial(slapd, AN, "replace: userPassword\nuserPassword: "
            + vn.congvu.directory.password.SaltedSha.SSHA.hash(ascii));
        MailServerProcess server = directory.mailServer(directory.newHome("mail"));
        try {
            server.start();
            MailClients clients = new MailClients(server);
            assertEquals("OK", imapLogin(clients, server, AN, ascii).split(" ")[0]);
            String wrong = imapLogin(clients, server, AN, "not-the-password");
            assertTrue(wrong.startsWith("NO") && !wrong.contains("[UNAVAILABLE]"), "wrong password, LDAP up: " + wrong);

            slapd.stop();
            for (String password : List.of(ascii, "not-the-password")) {
                String login = imapLogin(clients, server, AN, password);
                assertTrue(login.startsWith("NO [UNAVAILABLE]"), "LDAP stopped: try later, whatever the password: " + login);
            }
            try (ImapDialog imap = ImapDialog.implicitTls(server.imapsPort, clients.tls())) {
                String plain = java.util.Base64.getEncoder().encodeToString(
                    ("\0" + BINH + "\0" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String authenticate = ImapDialog.completion(imap.send("AUTHENTICATE PLAIN " + plain));
                assertTrue(authenticate.startsWith("NO [UNAVAILABLE]"), "AUTHENTICATE PLAIN: " + authenticate);
            }

            slapd.startAgain();
            awaitLogin(clients, BINH).close();
            assertEquals("OK", imapLogin(clients, server, AN, ascii).split(" ")[0]);
        } finally {
            server.stop();
        }
    }

    /** The tagged answer to one LOGIN over IMAPS, without its tag. */
    private static String imapLogin(MailClients clients, MailServerProcess server, String user, String password) throws Exception {
        try (ImapDialog imap = ImapDialog.implicitTls(server.imapsPort, clients.tls())) {
            return ImapDialog.completion(imap.send("LOGIN \"" + user + "\" \"" + password + "\""));
        }
    }

    @Test
    void mailQueuedWhileLdapIsDownIsRetriedNotBounced() throws Exception {
        Slapd slapd = directory.slapd();
        // A backlog accepted but not yet processed exists only on the spool queue's path (mail over
        // ProcessBeforeReply's recipient limit, a failed attempt, relay), which this server takes for every mail.
        MailServerProcess server = directory.mailServer(directory.newHome("mail"), Map.of("CONGVU_PROCESS_BEFORE_REPLY", "false"));
        try {
            server.start();
            MailClients clients = new MailClients(server);
            // A backlog accepted while LDAP was up, then the server and LDAP go down together.
            SmtpLoad load = new SmtpLoad(server.smtpPort, clients.tls(), BINH, "outage").start(4, 40);
            load.awaitDone(120);
            assertEquals(40, load.acceptedCount());
            server.kill();
            slapd.stop();

            server.start();
            Thread.sleep(5_000); // several processing attempts, each finding the directory unreachable
            long waiting = server.spoolSize();
            assertTrue(waiting > 0, "mail waits in the queue while LDAP is down");

            slapd.startAgain();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            java.util.Map<String, Integer> inbox = java.util.Map.of();
            while (Instant.now().isBefore(deadline)) {
                try {
                    Store store = clients.imaps(BINH, PASSWORD);
                    inbox = MailboxSnapshot.of(store, "INBOX").subjectCounts();
                    store.close();
                    if (inbox.keySet().containsAll(load.accepted()) && server.spoolSize() == 0) {
                        break;
                    }
                } catch (MessagingException notYet) {
                    // LDAP pool reconnecting
                }
                Thread.sleep(500);
            }
            for (String subject : load.accepted()) {
                assertEquals(1, inbox.getOrDefault(subject, 0), subject + " delivered once after LDAP came back ("
                    + waiting + " were waiting)");
            }
            assertEquals(0, server.logLinesContaining("no such user here"), "nothing bounced as unknown user");
        } finally {
            server.stop();
        }
    }

    @Test
    void startsBeforeTheEmbeddedDirectoryHasWrittenItsPassword() throws Exception {
        Slapd slapd = directory.slapd();
        Path home = directory.newHome("mail");
        // The default run: no CONGVU_LDAP_URL, the service password is read from the embedded
        // directory's file under CONGVU_HOME, which does not exist yet.
        MailServerProcess server = new MailServerProcess(home, java.util.Map.of(
            "CONGVU_MAIL_ACCOUNTS", "directory",
            "CONGVU_LDAP_PORT", String.valueOf(slapd.port())));
        try {
            server.start();
            MailClients clients = new MailClients(server);
            try (SmtpDialog smtp = SmtpDialog.implicitTls(server.smtpsPort, clients.tls())) {
                smtp.send("EHLO client.test");
                assertEquals(454, SmtpDialog.code(smtp.authPlain(AN, PASSWORD)), "try later, not a wrong password");
            }
            java.nio.file.Files.createDirectories(home.resolve("directory"));
            java.nio.file.Files.writeString(home.resolve("directory/admin.password"), Slapd.ROOT_PASSWORD + "\n");
            awaitLogin(clients, AN).close();
        } finally {
            server.stop();
        }
    }

    private static Store awaitLogin(MailClients clients, String user) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        MessagingException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                return clients.imaps(user, PASSWORD);
            } catch (MessagingException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new AssertionError("No login after LDAP came back", last);
    }
}
