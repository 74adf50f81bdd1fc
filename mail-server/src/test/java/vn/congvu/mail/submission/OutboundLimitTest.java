package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
import vn.congvu.directory.signin.OutboundBlock;
import vn.congvu.directory.signin.SignInPolicy;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * An official's account that addresses more recipients outside the local and peer domains than its limit allows
 * (3 here) has its external mail blocked in the directory, audited, the administrators told by mail; local and
 * peer recipients still work, and an administrator lifts it. On a real slapd, the server reading a copy of
 * {@code config/james} with a small limit and one peer domain.
 */
class OutboundLimitTest {
    private static final String PASSWORD = "Mat-khau-dung-2026";
    private static final String SENDER = MailServerProcess.address("gui.nhieu");
    private static final String COLLEAGUE = MailServerProcess.address("dong.nghiep");
    private static final String ADMIN = MailServerProcess.address("quan.tri");
    private static final String PEER = "tinh.gov.vn";

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .environment("CONGVU_MAIL_CONF", directory -> limitedConfig(directory.newHome("james")).toString())
        // the copy has no ../rules beside it: the shipped rules file
        .environment("CONGVU_DIRECTIVE_RULES",
            MailServerProcess.configDirectory().resolveSibling("rules").resolve("directive-alerts.properties").toString())
        .beforeStart(directory -> {
            OfficialsDirectory.addOfficial(directory.slapd(), ADMIN, PASSWORD);
            OfficialsDirectory.addGroup(directory.slapd(), MailServerProcess.address("directory-admins"), List.of(ADMIN));
        })
        .account(SENDER, PASSWORD)
        .account(COLLEAGUE, PASSWORD);

    private static Path limitedConfig(Path copy) throws Exception {
        Path original = MailServerProcess.configDirectory();
        try (Stream<Path> files = Files.list(original)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve(OutboundLimit.FILE), "recipients=3\nwindow-minutes=10\n");
        Files.writeString(copy.resolve("peer-domains.properties"), PEER + " = tls, directives\n");
        return copy;
    }

    @Test
    void theRecipientBeyondTheLimitBlocksExternalMailUntilLifted() throws Exception {
        try (SmtpDialog smtp = SmtpDialog.implicitTls(MAIL.server().smtpsPort, MAIL.tls())) {
            smtp.send("EHLO client.example.gov.vn");
            assertEquals(235, SmtpDialog.code(smtp.authPlain(SENDER, PASSWORD)));
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<" + SENDER + ">")));
            for (int i = 1; i <= 3; i++) {
                assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<nguoi" + i + "@ngoai.example.org>")), "within the limit");
            }
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<van.thu@" + PEER + ">")), "a peer is not counted");
            String fourth = smtp.send("RCPT TO:<nguoi4@ngoai.example.org>");
            assertTrue(fourth.startsWith("550 5.7.1 ") && fourth.contains("an administrator must lift the block"), fourth);
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<" + COLLEAGUE + ">")), "local mail still flows");
            assertEquals(250, SmtpDialog.code(smtp.data("From: " + SENDER + "\r\nSubject: gui nhieu\r\n\r\nx\r\n")));

            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<" + SENDER + ">")));
            assertEquals(550, SmtpDialog.code(smtp.send("RCPT TO:<nguoi5@ngoai.example.org>")), "still blocked");
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<nguoi6@" + PEER + ">")), "peers still reachable");
            smtp.send("RSET");
        }
        assertEquals(1, OfficialsDirectory.attribute(MAIL.slapd(), SENDER, OutboundBlock.ATTRIBUTE).size(),
            "the block is in the official's entry, for every node");
        MAIL.awaitMessage(COLLEAGUE, PASSWORD, "INBOX", "gui nhieu");
        assertTrue(MAIL.awaitMessage(ADMIN, PASSWORD, "INBOX", "bị chặn gửi thư ra ngoài").getSubject().contains(SENDER),
            "the administrators are told");

        Path auditDirectory = MAIL.server().home.resolve("audit");
        List<AuditEvent> blocked = new AuditTrail(auditDirectory).search(
            new AuditTrail.Query(null, null, null, "gui.nhieu", AuditAction.OUTBOUND_BLOCKED, 10));
        assertEquals(1, blocked.size());
        assertEquals("smtp 127.0.0.1", blocked.get(0).source());

        try (DirectoryClient client = new DirectoryClient(MAIL.slapd().settings());
             AuditLog console = new AuditLog(auditDirectory, "console", new AuditSettings(365), Clock.systemUTC())) {
            assertTrue(new SignInPolicy(client, AccountPolicy.load(), Clock.systemUTC(), console).outboundBlock()
                .lift(OfficialsDirectory.dn(SENDER), "admin", "192.0.2.1"));
        }
        try (SmtpDialog smtp = SmtpDialog.implicitTls(MAIL.server().smtpsPort, MAIL.tls())) {
            smtp.send("EHLO client.example.gov.vn");
            assertEquals(235, SmtpDialog.code(smtp.authPlain(SENDER, PASSWORD)));
            assertEquals(250, SmtpDialog.code(smtp.send("MAIL FROM:<" + SENDER + ">")));
            assertEquals(250, SmtpDialog.code(smtp.send("RCPT TO:<nguoi7@ngoai.example.org>")), "lifted: a fresh count");
            smtp.send("RSET");
        }
    }
}
