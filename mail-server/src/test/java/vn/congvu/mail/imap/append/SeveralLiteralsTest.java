package vn.congvu.mail.imap.append;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;

/**
 * Commands of several literals, octet for octet, on officials from a real slapd whose password has Vietnamese
 * letters: LOGIN (each literal invited with "+", read as UTF-8) and MULTIAPPEND (RFC 3502: the messages stored
 * in order with their own flags and dates, all or none).
 */
class SeveralLiteralsTest {
    private static final Pattern APPENDUID = Pattern.compile("^b OK \\[APPENDUID (\\d+) (\\d+):(\\d+)\\] APPEND completed\\.\r\n$");

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd();

    @Test
    void everyLiteralOfALoginIsInvited() throws Exception {
        try (ExactImap imap = ExactImap.tls(MAIL.server().imapsPort, MAIL.tls())) {
            byte[] user = OfficialsDirectory.mail("an").getBytes(StandardCharsets.UTF_8);
            byte[] password = OfficialsDirectory.PASSWORD.getBytes(StandardCharsets.UTF_8);
            imap.send("a LOGIN {" + user.length + "}\r\n");
            assertEquals("+ Ok\r\n", imap.line());
            imap.send(user);
            imap.send(" {" + password.length + "}\r\n");
            assertEquals("+ Ok\r\n", imap.line(), "the second literal is invited too");
            imap.send(password);
            imap.send("\r\n");
            String loggedIn = imap.answer("a");
            assertTrue(loggedIn.startsWith("a OK "), "logged in with both literals: " + loggedIn);
        }
    }

    @Test
    void aQuotedPasswordWithVietnameseLettersSignsIn() throws Exception {
        try (ExactImap imap = ExactImap.tls(MAIL.server().imapsPort, MAIL.tls())) {
            imap.send(("a LOGIN " + OfficialsDirectory.mail("binh") + " \"" + OfficialsDirectory.PASSWORD + "\"\r\n")
                .getBytes(StandardCharsets.UTF_8));
            String answer = imap.answer("a");
            assertTrue(answer.startsWith("a OK "), answer);
        }
    }

    @Test
    void messagesAreStoredInOrderWithTheirOwnFlagsAndDates() throws Exception {
        try (ExactImap imap = loggedIn("an")) {
            assertTrue(imap.command("c", "CAPABILITY").contains(" MULTIAPPEND"), "offered");
            assertTrue(imap.command("n", "CREATE Multi").startsWith("n OK "));
            String one = "Subject: one\r\n\r\nfirst\r\n";
            String two = "Subject: hai\r\n\r\nthứ hai\r\n";
            String three = "Subject: three\r\n\r\nthird\r\n";
            imap.send("b APPEND Multi (\\Seen) \"01-Jan-2016 10:00:00 +0700\" {" + one.length() + "}\r\n");
            assertEquals("+ Ok\r\n", imap.line());
            byte[] second = two.getBytes(StandardCharsets.UTF_8);
            imap.send(one + " (\\Flagged $Work) {" + second.length + "}\r\n");
            assertEquals("+ Ok\r\n", imap.line(), "the second message is invited");
            imap.send(second);
            // LITERAL+ for the third: no invitation
            imap.send(" \"02-Feb-2017 08:30:00 +0000\" {" + three.length() + "+}\r\n" + three + "\r\n");
            Matcher ok = APPENDUID.matcher(imap.answer("b"));
            assertTrue(ok.matches(), "one APPENDUID with the three UIDs in order");
            assertEquals(2, Long.parseLong(ok.group(3)) - Long.parseLong(ok.group(2)));
            assertEquals("""
                * 1 FETCH (FLAGS (\\Seen) INTERNALDATE "01-Jan-2016 03:00:00 +0000" BODY[HEADER.FIELDS (SUBJECT)] {16}\r
                Subject: one\r
                \r
                )\r
                * 2 FETCH (FLAGS (\\Flagged $Work) BODY[HEADER.FIELDS (SUBJECT)] {16}\r
                Subject: hai\r
                \r
                )\r
                * 3 FETCH (FLAGS () INTERNALDATE "02-Feb-2017 08:30:00 +0000" BODY[HEADER.FIELDS (SUBJECT)] {18}\r
                Subject: three\r
                \r
                )\r
                f OK FETCH completed.\r
                """, fetched(imap));
        }
    }

    @Test
    void aMessageThatCannotBeStoredLeavesNoneOfTheCommandStored() throws Exception {
        String cuong = OfficialsDirectory.mail("cuong");
        try (ExactImap imap = loggedIn("cuong")) {
            assertTrue(imap.command("n", "CREATE Quota").startsWith("n OK "));
            assertEquals(204, MAIL.server().webadmin("PUT", "/quota/users/" + cuong + "/count", "2").statusCode());
            String message = "Subject: x\r\n\r\nx\r\n";
            imap.send("b APPEND Quota {" + message.length() + "+}\r\n" + message
                + " {" + message.length() + "+}\r\n" + message + " {" + message.length() + "+}\r\n" + message + "\r\n");
            String refused = imap.answer("b");
            assertTrue(refused.startsWith("b NO [OVERQUOTA] "), "the third message is over the quota of two: " + refused);
            assertEquals("* STATUS \"Quota\" (MESSAGES 0 UIDNEXT 3)\r\ns OK STATUS completed.\r\n",
                imap.command("s", "STATUS Quota (MESSAGES UIDNEXT)"), "the first two were stored, then removed again");
            assertEquals(204, MAIL.server().webadmin("PUT", "/quota/users/" + cuong + "/count", "3").statusCode());
            imap.send("d APPEND Quota {" + message.length() + "+}\r\n" + message
                + " {" + message.length() + "+}\r\n" + message + "\r\n");
            String within = imap.answer("d");
            assertTrue(within.startsWith("d OK [APPENDUID "), "within the quota: " + within);
            imap.send("e APPEND Nowhere {" + message.length() + "+}\r\n" + message
                + " {" + message.length() + "+}\r\n" + message + "\r\n");
            assertEquals("e NO [TRYCREATE] APPEND failed. No such mailbox.\r\n", imap.answer("e"));
        }
    }

    @Test
    void largeLiteralsFromManySessionsAtOnceAreAllStored() throws Exception {
        // Ten sessions, two 20 MB APPENDs each, sent with LITERAL+ at once: about 1.2 GB held at once if each were
        // read as it came, against the 512 MB heap of this server. A share of the heap is taken per command
        // (LiteralMemory); the others wait, their connections not read.
        int sessions = 10;
        int each = 2;
        byte[] message = large(20 * 1024 * 1024);
        try (ExactImap setup = loggedIn("an")) {
            assertTrue(setup.command("n", "CREATE Large").startsWith("n OK "));
        }
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        try {
            java.util.List<java.util.concurrent.Future<java.util.List<String>>> answers = new java.util.ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                answers.add(clients.submit(() -> {
                    java.util.List<String> tagged = new java.util.ArrayList<>();
                    try (ExactImap imap = loggedIn("an")) {
                        for (int m = 0; m < each; m++) {
                            imap.send("b" + m + " APPEND Large {" + message.length + "+}\r\n");
                            imap.send(message);
                            imap.send("\r\n");
                            tagged.add(imap.answer("b" + m));
                        }
                    }
                    return tagged;
                }));
            }
            for (java.util.concurrent.Future<java.util.List<String>> answer : answers) {
                for (String tagged : answer.get(10, java.util.concurrent.TimeUnit.MINUTES)) {
                    assertTrue(tagged.matches("(?s)b[0-9] OK \\[APPENDUID [0-9]+ [0-9]+\\] APPEND completed\\.\r\n"), tagged);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        try (ExactImap imap = loggedIn("an")) {
            assertEquals("* STATUS \"Large\" (MESSAGES " + sessions * each + ")\r\ns OK STATUS completed.\r\n",
                imap.command("s", "STATUS Large (MESSAGES)"));
        }
        assertEquals(0, MAIL.server().logLinesContaining("OutOfMemoryError"), "the heap held");
    }

    private static byte[] large(int octets) {
        StringBuilder text = new StringBuilder("Subject: large\r\nContent-Type: application/octet-stream\r\n\r\n");
        String line = "A".repeat(76) + "\r\n";
        while (text.length() + line.length() <= octets) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String fetched(ExactImap imap) throws Exception {
        assertTrue(imap.command("x", "EXAMINE Multi").startsWith("* "));
        return imap.command("f", "FETCH 1:* (FLAGS INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            .replaceAll(" INTERNALDATE \"[0-9]{2}-[A-Za-z]{3}-20[2-9][0-9] [0-9:]{8} [+-][0-9]{4}\"", "")
            .replaceAll("(?m)^\\* [0-9]+ (EXISTS|RECENT)\r\n", "");
    }

    private static ExactImap loggedIn(String uid) throws Exception {
        ExactImap imap = ExactImap.tls(MAIL.server().imapsPort, MAIL.tls());
        String plain = Base64.getEncoder().encodeToString(("\0" + OfficialsDirectory.mail(uid) + "\0" + OfficialsDirectory.PASSWORD)
            .getBytes(StandardCharsets.UTF_8));
        String answer = imap.command("l", "AUTHENTICATE PLAIN " + plain);
        assertTrue(answer.startsWith("l OK "), answer);
        return imap;
    }
}
