package vn.congvu.mail.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Folder;
import jakarta.mail.Store;

import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.ServerTrust;

/**
 * An off-the-shelf IMAP client from Debian (isync's mbsync) mirrors a mailbox over IMAPS, checking the
 * server certificate. Needs the Debian package isync (./congvu test installs it).
 */
class MbsyncTest {
    private static final String A = MailServerProcess.address("ngo.van.k");
    private static final String B = MailServerProcess.address("ly.thi.m");
    private static final String PASSWORD = "Mat-khau-2026";

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .account(A, PASSWORD)
        .account(B, PASSWORD);

    @TempDir
    Path home;

    @Test
    void mbsyncMirrorsInboxAndFolders() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mbsync")), "mbsync (Debian package isync) is not installed");
        MailServerProcess server = MAIL.server();
        MailClients clients = MAIL.clients();
        for (int i = 0; i < 5; i++) {
            clients.submit(A, PASSWORD, B, "Công văn " + i, "nội dung " + i);
        }
        server.awaitSpoolDrained(Duration.ofSeconds(60));
        Store store = clients.imaps(B, PASSWORD);
        store.getFolder("Luu tru").create(Folder.HOLDS_MESSAGES);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.copyMessages(inbox.getMessages(1, 2), store.getFolder("Luu tru"));
        inbox.close(false);
        store.close();

        Path ca = ServerTrust.exportCertificate(server, home.resolve("ca.pem"));
        Path maildir = Files.createDirectories(home.resolve("maildir"));
        Path config = home.resolve("mbsyncrc");
        Files.writeString(config, String.join("\n",
            "IMAPAccount congvu",
            "Host 127.0.0.1",
            "Port " + server.imapsPort,
            "User " + B,
            "Pass " + PASSWORD,
            "SSLType IMAPS",
            "CertificateFile " + ca,
            "",
            "IMAPStore remote",
            "Account congvu",
            "",
            "MaildirStore local",
            "Path " + maildir + "/",
            "Inbox " + maildir + "/INBOX",
            "SubFolders Verbatim",
            "",
            "Channel mirror",
            "Far :remote:",
            "Near :local:",
            "Patterns *",
            "Create Near",
            "Sync Pull",
            "SyncState *",
            ""), StandardCharsets.UTF_8);
        Process mbsync = new ProcessBuilder(List.of("mbsync", "-c", config.toString(), "-a"))
            .redirectErrorStream(true).start();
        String output = new String(mbsync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        mbsync.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, mbsync.exitValue(), output);
        assertEquals(5, messagesIn(maildir.resolve("INBOX")), output);
        assertEquals(2, messagesIn(maildir.resolve("Luu tru")), output);
    }

    private static long messagesIn(Path folder) throws IOException {
        long count = 0;
        for (String sub : new String[] {"cur", "new"}) {
            Path dir = folder.resolve(sub);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    count += files.count();
                }
            }
        }
        return count;
    }
}
