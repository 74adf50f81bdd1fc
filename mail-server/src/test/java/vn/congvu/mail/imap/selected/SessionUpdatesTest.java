package vn.congvu.mail.imap.selected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.mail.testing.ImapDialog;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.RunningMailServer;
import vn.congvu.mail.testing.SmtpDialog;

/**
 * Two IMAP sessions of one official on one INBOX, on directory accounts: each answer checked line by line against
 * RFC 3501 (sequence numbers, EXPUNGE moments, FLAGS before a new keyword, \Recent in one session), RFC 4315
 * (APPENDUID, COPYUID of the UIDs copied) and RFC 6851 (MOVE's COPYUID before its EXPUNGEs).
 */
class SessionUpdatesTest {
    private static final String USER = MailServerProcess.address("le.van.phien");
    private static final String PASSWORD = "Mật-khẩu-phiên-1";
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd().account(USER, PASSWORD);

    private static int mailbox;

    private ImapDialog first;
    private ImapDialog second;
    private String folder;

    /** Each test its own mailbox with three messages, selected in two sessions. */
    @BeforeEach
    void twoSessions() throws Exception {
        folder = "Phien" + (++mailbox);
        first = session();
        second = session();
        assertOk(first.send("CREATE " + folder));
        for (int i = 1; i <= 3; i++) {
            assertOk(first.append(folder, "", message("Thư " + i)));
        }
        assertOk(first.send("SELECT " + folder));
        assertOk(second.send("SELECT " + folder));
    }

    @AfterEach
    void close() throws Exception {
        first.close();
        second.close();
    }

    private static ImapDialog session() throws Exception {
        ImapDialog dialog = ImapDialog.implicitTls(MAIL.server().imapsPort, MAIL.clients().tls());
        assertOk(dialog.login(USER, PASSWORD));
        return dialog;
    }

    private static String message(String subject) {
        return "From: " + USER + "\r\nTo: " + USER + "\r\nSubject: " + subject
            + "\r\nMessage-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@test>\r\n\r\nNội dung.\r\n";
    }

    @Test
    void anExpungeByAnotherSessionWaitsForAMomentThatAllowsIt() throws Exception {
        assertOk(first.send("STORE 2 +FLAGS.SILENT (\\Deleted)"));
        List<String> expunge = first.send("EXPUNGE");
        assertEquals(List.of("* 2 EXPUNGE"), untagged(expunge), "the expunging session is told at once");

        // RFC 3501 7.4.1: not while answering FETCH, STORE or SEARCH; message 3 keeps its number meanwhile.
        List<String> fetch = second.send("FETCH 3 (UID)");
        assertOk(fetch);
        assertEquals(List.of("* 3 FETCH (UID 3)"), untagged(fetch));
        List<String> search = second.send("SEARCH ALL");
        assertOk(search);
        assertTrue(untagged(search).stream().noneMatch(line -> line.endsWith("EXPUNGE")), search.toString());
        List<String> store = second.send("STORE 3 +FLAGS.SILENT (\\Seen)");
        assertOk(store);
        assertTrue(untagged(store).stream().noneMatch(line -> line.endsWith("EXPUNGE")), store.toString());

        List<String> noop = second.send("NOOP");
        assertTrue(untagged(noop).contains("* 2 EXPUNGE"), noop.toString());
        List<String> after = second.send("FETCH 2 (UID)");
        assertEquals(List.of("* 2 FETCH (UID 3)"), untagged(after), "numbers shifted once the EXPUNGE was told");
    }

    @Test
    void aUidCommandMayBeToldOfExpunges() throws Exception {
        assertOk(first.send("UID STORE 1 +FLAGS.SILENT (\\Deleted)"));
        assertOk(first.send("UID EXPUNGE 1"));
        List<String> fetch = second.send("UID FETCH 1:* (FLAGS)");
        assertOk(fetch);
        assertTrue(untagged(fetch).contains("* 1 EXPUNGE"), fetch.toString());
    }

    @Test
    void newMessagesAreAnnouncedBeforeTheyAreFetched() throws Exception {
        assertOk(first.append(folder, "", message("Thư mới")));
        List<String> fetch = second.send("FETCH 1:* (UID)");
        assertOk(fetch);
        List<String> lines = untagged(fetch);
        int exists = lines.indexOf("* 4 EXISTS");
        int fourth = lines.indexOf("* 4 FETCH (UID 4)");
        assertTrue(exists >= 0 && fourth > exists, "EXISTS before the new message's FETCH: " + lines);
    }

    @Test
    void anAppendToTheSelectedMailboxIsAnnouncedToEverySession() throws Exception {
        List<String> append = first.append(folder, "(\\Seen)", message("Thư thêm"));
        assertTrue(untagged(append).contains("* 4 EXISTS"), "the appending session: " + append);
        Matcher appendUid = Pattern.compile("OK \\[APPENDUID (\\d+) 4\\]").matcher(ImapDialog.completion(append));
        assertTrue(appendUid.find(), append.toString());
        List<String> noop = second.send("NOOP");
        assertTrue(untagged(noop).contains("* 4 EXISTS"), "the other session: " + noop);
    }

    @Test
    void aNewKeywordIsAnnouncedInFlagsBeforeAFetchShowsIt() throws Exception {
        assertOk(first.send("STORE 1 +FLAGS.SILENT (congvu_kw1)"));
        List<String> fetch = second.send("FETCH 1 (FLAGS)");
        assertOk(fetch);
        List<String> lines = untagged(fetch);
        int flags = indexOf(lines, line -> line.startsWith("* FLAGS (") && line.contains("congvu_kw1"));
        int shown = indexOf(lines, line -> line.startsWith("* 1 FETCH") && line.contains("congvu_kw1"));
        assertTrue(flags >= 0 && shown > flags, "FLAGS before the FETCH that shows the keyword: " + lines);
        assertTrue(lines.stream().anyMatch(line -> line.contains("[PERMANENTFLAGS (") && line.contains("congvu_kw1")),
            lines.toString());
    }

    @Test
    void anotherSessionsFlagChangeIsToldWithItsUid() throws Exception {
        assertOk(first.send("STORE 2 +FLAGS.SILENT (\\Flagged)"));
        List<String> noop = second.send("NOOP");
        assertTrue(untagged(noop).stream().anyMatch(line -> line.matches("\\* 2 FETCH \\(FLAGS \\(.*\\\\Flagged.*\\) UID 2\\)")),
            noop.toString());
    }

    @Test
    void aDeliveredMessageIsRecentInExactlyOneSession() throws Exception {
        try (ImapDialog third = session()) {
            assertOk(third.send("SELECT INBOX"));
            try (ImapDialog fourth = session()) {
                List<String> select = fourth.send("SELECT INBOX");
                int before = exists(select);
                try (SmtpDialog smtp = SmtpDialog.plain(MAIL.server().smtpPort, MAIL.clients().tls())) {
                    smtp.send("EHLO test.example");
                    assertTrue(smtp.send("MAIL FROM:<nguoi.gui@example.org>").startsWith("250"));
                    assertTrue(smtp.send("RCPT TO:<" + USER + ">").startsWith("250"));
                    assertTrue(smtp.data(message("Gửi đến")).startsWith("250"));
                }
                List<String> a = untagged(third.send("FETCH " + (before + 1) + " (FLAGS)"));
                List<String> b = untagged(fourth.send("FETCH " + (before + 1) + " (FLAGS)"));
                long recent = a.stream().filter(line -> line.contains("\\Recent")).count()
                    + b.stream().filter(line -> line.contains("\\Recent")).count();
                assertEquals(1, recent, "\\Recent in one session only: " + a + " / " + b);
            }
        }
    }

    @Test
    void moveTellsCopyUidBeforeItsExpunges() throws Exception {
        assertOk(first.send("CREATE " + folder + "-dich"));
        List<String> move = first.send("UID MOVE 2:3 " + folder + "-dich");
        assertOk(move);
        List<String> lines = untagged(move);
        assertEquals(3, lines.size(), move.toString());
        assertTrue(lines.get(0).matches("\\* OK \\[COPYUID \\d+ 2:3 1:2\\].*"), lines.get(0));
        assertEquals(List.of("* 2 EXPUNGE", "* 2 EXPUNGE"), lines.subList(1, 3));
        assertFalse(ImapDialog.completion(move).contains("COPYUID"), "told once, untagged: " + move);
    }

    @Test
    void copyUidNamesOnlyTheMessagesCopied() throws Exception {
        assertOk(first.send("CREATE " + folder + "-kho"));
        assertOk(first.send("UID STORE 2 +FLAGS.SILENT (\\Deleted)"));
        assertOk(first.send("UID EXPUNGE 2"));
        List<String> copy = first.send("UID COPY 1:3 " + folder + "-kho");
        assertOk(copy);
        assertTrue(ImapDialog.completion(copy).matches("OK \\[COPYUID \\d+ 1,3 1:2\\].*"), copy.toString());
        // By sequence number: COPYUID still gives UIDs.
        List<String> bySequence = first.send("COPY 2 " + folder + "-kho");
        assertTrue(ImapDialog.completion(bySequence).matches("OK \\[COPYUID \\d+ 3 3\\].*"), bySequence.toString());
    }

    @Test
    void selectCountsWhatItLists() throws Exception {
        List<String> select = second.send("EXAMINE " + folder);
        List<String> uids = untagged(second.send("UID SEARCH ALL"));
        int listed = uids.get(0).replace("* SEARCH", "").trim().split(" ").length;
        assertEquals(listed, exists(select), select + " / " + uids);
    }

    private static int exists(List<String> lines) {
        for (String line : lines) {
            Matcher matcher = EXISTS.matcher(line);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("no EXISTS in " + lines);
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> untagged(List<String> lines) {
        List<String> untagged = new ArrayList<>(lines.subList(0, lines.size() - 1));
        untagged.removeIf(line -> !line.startsWith("* "));
        return untagged;
    }

    private static void assertOk(List<String> lines) {
        assertTrue(ImapDialog.completion(lines).startsWith("OK"), lines.toString());
    }
}
