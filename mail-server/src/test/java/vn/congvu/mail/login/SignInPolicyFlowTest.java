package vn.congvu.mail.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditLog;
import vn.congvu.audit.AuditSettings;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.directory.signin.SignInAttributes;
import vn.congvu.directory.signin.SignInDecision;
import vn.congvu.directory.signin.SignInMessages;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * The mail server on the shared sign-in policy, against a real slapd: an account whose initial password must be
 * changed is told where, on IMAP and SMTP alike, only after its right password; failures counted on both protocols
 * lock the account in the directory, after which even its right password gets a wrong password's answer; a success
 * clears the count. The server reads a copy of {@code config/} whose policy locks after {@value #ATTEMPTS} failures
 * and names its own console address.
 */
class SignInPolicyFlowTest {
    private static final int ATTEMPTS = 3;
    private static final String CONSOLE = "https://thu.example.gov.vn";
    private static final String PASSWORD = "Mat-khau-dung-2026";
    private static final String MUST_CHANGE = MailServerProcess.address("doi.mat.khau");
    private static final String LOCKED = MailServerProcess.address("khoa.tai.khoan");
    private static final String RESET = MailServerProcess.address("dem.lai");

    static AccountPolicy policy;

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .environment("CONGVU_CONFIG", directory -> {
            // The test reads the policy the server reads.
            Path config = copyConfig(directory.newHome("config"));
            policy = AccountPolicy.load(config.resolve(AccountPolicy.FILE));
            return config.toString();
        })
        .account(MUST_CHANGE, PASSWORD)
        .account(LOCKED, PASSWORD)
        .account(RESET, PASSWORD);

    @Test
    void mustChangeIsToldWhereOnlyAfterTheRightPassword() throws Exception {
        OfficialsDirectory.modifyOfficial(MAIL.slapd(), MUST_CHANGE, "replace: congvuPasswordMustChange\ncongvuPasswordMustChange: TRUE");
        String sentence = new SignInMessages(policy).ascii(SignInDecision.MUST_CHANGE);
        assertTrue(sentence.contains(CONSOLE) && sentence.chars().allMatch(c -> c < 128), sentence);

        String alert = "a1 NO [ALERT] " + sentence + "\r\n";
        assertEquals(alert, imapLogin(MUST_CHANGE, PASSWORD));
        assertEquals("535 5.7.8 " + sentence + "\n", smtpAuth(MUST_CHANGE, PASSWORD));

        // A wrong password gets the usual answer (the account says nothing without its password), and counts.
        assertEquals(imapLogin(unknown(), PASSWORD), imapLogin(MUST_CHANGE, "sai-mat-khau"), "the usual NO");
        assertEquals(smtpAuth(unknown(), PASSWORD), smtpAuth(MUST_CHANGE, "sai-mat-khau"), "the usual 535");
        assertEquals(List.of("2"), failedSignIns(MUST_CHANGE));
        // The right password is not a failure: the count is cleared, below lockout.attempts again.
        assertEquals(alert, imapAuthenticate(MUST_CHANGE, PASSWORD));
        assertEquals(List.of("0"), failedSignIns(MUST_CHANGE));
        assertEquals(imapAuthenticate(unknown(), PASSWORD), imapAuthenticate(MUST_CHANGE, "sai-mat-khau"), "the usual NO");

        OfficialsDirectory.modifyOfficial(MAIL.slapd(), MUST_CHANGE, "delete: congvuPasswordMustChange");
        assertTrue(imapLogin(MUST_CHANGE, PASSWORD).startsWith("a1 OK"));
        assertEquals(235, SmtpDialog.code(smtpAuth(MUST_CHANGE, PASSWORD)));
    }

    @Test
    void failuresOnBothProtocolsLockTheAccountUntilItIsUnlocked() throws Exception {
        String wrongOnImap = imapLogin(unknown(), "sai-mat-khau");
        String wrongOnAuthenticate = imapAuthenticate(unknown(), "sai-mat-khau");
        String wrongOnSmtp = smtpAuth(unknown(), "sai-mat-khau");
        assertEquals(wrongOnImap, imapLogin(LOCKED, "sai-1"));
        assertEquals(wrongOnSmtp, smtpAuth(LOCKED, "sai-2"));
        assertEquals(List.of("2"), failedSignIns(LOCKED), "failures of both protocols counted in the directory");
        assertEquals(wrongOnAuthenticate, imapAuthenticate(LOCKED, "sai-3"));
        assertEquals(1, OfficialsDirectory.attribute(MAIL.slapd(), LOCKED, SignInAttributes.LOCKED_UNTIL).size(),
            "the failure that reached lockout.attempts locked the account");

        long start = System.nanoTime();
        assertEquals(wrongOnImap, imapLogin(LOCKED, PASSWORD), "locked: the right password gets a wrong one's answer");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 1500, "and the failed-login delay of the fourth failure in a row (2 s): " + millis + " ms");
        assertEquals(wrongOnSmtp, smtpAuth(LOCKED, PASSWORD));
        assertEquals(wrongOnAuthenticate, imapAuthenticate(LOCKED, PASSWORD));

        String uid = LOCKED.substring(0, LOCKED.indexOf('@'));
        Path auditDirectory = MAIL.server().home.resolve("audit");
        AuditTrail trail = new AuditTrail(auditDirectory);
        List<AuditEvent> failures = trail.search(new AuditTrail.Query(null, null, null, uid, AuditAction.SIGN_IN_FAILED, 100));
        assertEquals(List.of("imap 127.0.0.1", "imap 127.0.0.1", "imap 127.0.0.1", "imap 127.0.0.1", "smtp 127.0.0.1",
            "smtp 127.0.0.1"),
            failures.stream().map(AuditEvent::source).sorted().toList(), "every failure, each with where it came from");
        assertTrue(failures.stream().allMatch(e -> e.actor().equals(LOCKED) && e.process().equals("mail")));
        List<AuditEvent> locks = trail.search(new AuditTrail.Query(null, null, null, uid, AuditAction.ACCOUNT_LOCKED, 100));
        assertEquals(1, locks.size(), "locked once");

        try (DirectoryClient client = new DirectoryClient(MAIL.slapd().settings());
             AuditLog console = new AuditLog(auditDirectory, "console", new AuditSettings(365), Clock.systemUTC())) {
            new SignInPolicy(client, policy, Clock.systemUTC(), console).unlock(OfficialsDirectory.dn(LOCKED), "admin", "192.0.2.1");
        }
        assertTrue(imapLogin(LOCKED, PASSWORD).startsWith("a1 OK"), "unlocked by an administrator");
        assertEquals(235, SmtpDialog.code(smtpAuth(LOCKED, PASSWORD)));
        assertEquals("admin", trail.search(new AuditTrail.Query(null, null, null, uid, AuditAction.ACCOUNT_UNLOCKED, 1))
            .get(0).actor());
        try (Stream<Path> files = Files.list(auditDirectory)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : List.of(PASSWORD, "sai-1", "sai-2", "sai-3")) {
                    assertTrue(!text.contains(secret), file + " holds a password");
                }
            }
        }
    }

    @Test
    void aSuccessClearsTheCount() throws Exception {
        assertTrue(imapLogin(RESET, "sai-mat-khau").startsWith("a1 NO"));
        assertEquals(List.of("1"), failedSignIns(RESET));
        assertEquals(235, SmtpDialog.code(smtpAuth(RESET, PASSWORD)));
        assertEquals(List.of("0"), failedSignIns(RESET));
        assertTrue(imapLogin(RESET, PASSWORD).startsWith("a1 OK"));
        assertEquals(List.of("0"), failedSignIns(RESET));
    }

    private static List<String> failedSignIns(String official) throws IOException, InterruptedException {
        return OfficialsDirectory.attribute(MAIL.slapd(), official, SignInAttributes.FAILED_SIGN_INS);
    }

    /** A login no official has, so that its failed-login delay starts at none. */
    private static String unknown() {
        return MailServerProcess.address("khong-co-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The tagged answer to LOGIN on a new IMAPS connection. */
    private static String imapLogin(String login, String password) throws IOException {
        return tagged("a1 LOGIN \"" + login + "\" \"" + password + "\"");
    }

    /** The tagged answer to AUTHENTICATE PLAIN (initial response) on a new IMAPS connection. */
    private static String imapAuthenticate(String login, String password) throws IOException {
        String plain = Base64.getEncoder().encodeToString(("\0" + login + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return tagged("a1 AUTHENTICATE PLAIN " + plain);
    }

    private static String tagged(String command) throws IOException {
        try (ExactImap imap = ExactImap.tls(MAIL.server().imapsPort, MAIL.clients().tls())) {
            imap.send(command + "\r\n");
            String answer = imap.answer("a1");
            return answer.substring(answer.lastIndexOf("a1 "));
        }
    }

    /** The reply to AUTH PLAIN on a new SMTPS connection. */
    private static String smtpAuth(String login, String password) throws IOException {
        try (SmtpDialog smtp = SmtpDialog.implicitTls(MAIL.server().smtpsPort, MAIL.clients().tls())) {
            smtp.send("EHLO client.test");
            return smtp.authPlain(login, password);
        }
    }

    /** The repository's config/ copied, with a policy that locks after a few failures and names its console. */
    private static Path copyConfig(Path target) throws IOException {
        Path source = MailServerProcess.configDirectory().getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path policyFile = target.resolve(AccountPolicy.FILE);
        String text = Files.readString(policyFile, StandardCharsets.UTF_8)
            .replaceFirst("(?m)^lockout\\.attempts=.*$", "lockout.attempts=" + ATTEMPTS)
            .replaceFirst("(?m)^console\\.url=.*$", "console.url=" + CONSOLE);
        Files.writeString(policyFile, text, StandardCharsets.UTF_8);
        return target;
    }
}
