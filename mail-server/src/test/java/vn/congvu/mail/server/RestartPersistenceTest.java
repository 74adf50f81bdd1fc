package vn.congvu.mail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.SubjectTerm;

import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailboxSnapshot;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpLoad;

/**
 * Everything a client relies on survives a restart: folders, messages, flags, UIDs, UIDVALIDITY, queued mail, and the
 * logins of its officials (a real slapd's).
 */
class RestartPersistenceTest {
    private static final String A = MailServerProcess.address("le.van.c");
    private static final String B = MailServerProcess.address("pham.thi.d");
    private static final String PASSWORD = "Mat-khau-2026";

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .account(A, PASSWORD)
        .account(B, PASSWORD);

    @Test
    void mailboxesFlagsUidsAndQueuedMailSurviveARestart() throws Exception {
        MailServerProcess server = MAIL.server();
        MailClients clients = MAIL.clients();
        for (int i = 0; i < 3; i++) {
            clients.submit(A, PASSWORD, B, "Văn bản " + i, "nội dung " + i);
        }
        server.awaitSpoolDrained(Duration.ofSeconds(60));
        String folderName = "Hồ sơ 2026";

        Store store = clients.imaps(B, PASSWORD);
        Folder archive = store.getFolder(folderName);
        assertTrue(archive.create(Folder.HOLDS_MESSAGES));
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        assertEquals(3, inbox.getMessageCount());
        inbox.search(new SubjectTerm("Văn bản 0"))[0].setFlags(new Flags(Flags.Flag.FLAGGED), true);
        inbox.search(new SubjectTerm("Văn bản 1"))[0].setFlags(new Flags("$Khan"), true);
        Message third = inbox.search(new SubjectTerm("Văn bản 2"))[0];
        third.setFlags(new Flags(Flags.Flag.SEEN), true);
        inbox.copyMessages(new Message[] {third}, archive);
        third.setFlags(new Flags(Flags.Flag.DELETED), true);
        inbox.close(true);
        MailboxSnapshot inboxBefore = MailboxSnapshot.of(store, "INBOX");
        MailboxSnapshot archiveBefore = MailboxSnapshot.of(store, folderName);
        store.close();

        // A backlog in the spool queue at the moment of a graceful stop.
        SmtpLoad load = new SmtpLoad(server.smtpPort, clients.tls(), B, "queued").start(4, 60);
        load.awaitDone(120);
        assertEquals(60, load.acceptedCount());
        long queuedAtStop = server.spoolSize();
        server.stop();

        server.start();
        Store after = new MailClients(server).imaps(B, PASSWORD);
        assertEquals(archiveBefore, MailboxSnapshot.of(after, folderName), "folder, UIDVALIDITY, UIDs, flags kept");
        server.awaitSpoolDrained(Duration.ofSeconds(120));
        MailboxSnapshot inboxAfter = MailboxSnapshot.of(after, "INBOX");
        assertEquals(inboxBefore.uidValidity(), inboxAfter.uidValidity(), "INBOX UIDVALIDITY kept");
        assertEquals(inboxBefore.messages(), inboxAfter.messages().subList(0, 2), "first messages, UIDs and flags kept");
        Map<String, Integer> counts = inboxAfter.subjectCounts();
        for (String subject : load.accepted()) {
            assertEquals(1, counts.getOrDefault(subject, 0), subject + " delivered exactly once (" + queuedAtStop
                + " were queued at stop)");
        }
        assertEquals(62, inboxAfter.messages().size());
        assertTrue(inboxAfter.messages().stream().skip(2).allMatch(m -> m.uid() >= inboxBefore.uidNext()),
            "new UIDs continue after the old UIDNEXT " + inboxBefore.uidNext() + ": "
                + inboxAfter.messages().stream().map(MailboxSnapshot.Entry::uid).collect(Collectors.toList()));
        after.close();

        // The accounts still work: the sender logs in and sends.
        new MailClients(server).submit(A, PASSWORD, B, "Sau khởi động lại", "ok");
        server.awaitSpoolDrained(Duration.ofSeconds(60));
    }
}
