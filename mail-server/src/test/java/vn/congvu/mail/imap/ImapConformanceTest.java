package vn.congvu.mail.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;

/**
 * IMAP answers compared octet for octet with what RFC 3501/9051 and the named extensions say (and, where they
 * leave room, with Dovecot's), over raw connections to one real server on officials from a real slapd. The
 * server runs in Vietnam's time zone, so that a day in the server's zone and a day in UTC differ, and with a
 * message size limit of 1 MB, the limit of literals after login.
 */
class ImapConformanceTest {
    private static final String AN = OfficialsDirectory.mail("an");
    private static final long MESSAGE_LIMIT = 1024 * 1024;

    @RegisterExtension
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .environment("TZ", "Asia/Ho_Chi_Minh")
        .environment("CONGVU_MAX_MESSAGE_SIZE", "1M");

    // --- item 1: numbered sections below message/rfc822 ------------------------------------------------------

    private static final String INNERMOST = crlf("""
        From: Innermost <inner2@example.org>
        To: x@example.org
        Subject: innermost
        Date: Mon, 7 Feb 1994 21:52:25 -0800
        Content-Type: text/plain; charset=us-ascii

        Innermost body line.
        """);
    private static final String INNER = crlf("""
        From: Inner <inner1@example.org>
        To: y@example.org
        Subject: forwarded once
        Date: Tue, 8 Feb 1994 10:00:00 +0700
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="in1"

        --in1
        Content-Type: text/plain; charset=utf-8

        Cover of the inner letter.
        --in1
        Content-Type: message/rfc822

        """) + INNERMOST + crlf("""

        --in1--
        """);
    /** A letter forwarded with a forwarded letter attached: message/rfc822 inside message/rfc822. */
    private static final String FORWARDED_TWICE = crlf("""
        From: Outer <outer@example.org>
        To: an@example.gov.vn
        Subject: forwarded twice
        Date: Wed, 9 Feb 1994 08:00:00 +0700
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="out"

        --out
        Content-Type: text/plain

        Please see the attached letter.
        --out
        Content-Type: message/rfc822
        Content-Description: forwarded

        """) + INNER + crlf("""

        --out--
        """);
    /** A message that is itself message/rfc822, and one whose attached letter is itself message/rfc822. */
    private static final String WHOLLY_FORWARDED = crlf("""
        From: Outer <outer@example.org>
        To: an@example.gov.vn
        Subject: single part rfc822
        MIME-Version: 1.0
        Content-Type: message/rfc822

        """) + INNERMOST;
    private static final String MIDDLE_HEADER = crlf("""
        From: Mid <mid@example.org>
        Subject: middle
        MIME-Version: 1.0
        Content-Type: message/rfc822

        """);
    private static final String RFC822_IN_RFC822 = crlf("""
        From: Outer <outer@example.org>
        Subject: rfc822 in rfc822
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        preamble
        --b1
        Content-Type: text/plain

        Cover.
        --b1
        Content-Type: message/rfc822

        """) + MIDDLE_HEADER + INNERMOST + crlf("""
        --b1--
        epilogue
        """);

    @Test
    void forwardedLettersAreNumberedThroughTheirMessageParts() throws Exception {
        try (ExactImap imap = loggedIn()) {
            selectNew(imap, "Forwarded", FORWARDED_TWICE, WHOLLY_FORWARDED, RFC822_IN_RFC822);
            String innermostHeader = INNERMOST.substring(0, INNERMOST.indexOf("\r\n\r\n") + 4);
            String innerHeader = INNER.substring(0, INNER.indexOf("\r\n\r\n") + 4);

            assertEquals(section(1, "2", INNER), fetch(imap, 1, "2"));
            assertEquals(section(1, "2.HEADER", innerHeader), fetch(imap, 1, "2.HEADER"));
            assertEquals(section(1, "2.TEXT", INNER.substring(innerHeader.length())), fetch(imap, 1, "2.TEXT"));
            assertEquals(section(1, "2.MIME", "Content-Type: message/rfc822\r\nContent-Description: forwarded\r\n\r\n"),
                fetch(imap, 1, "2.MIME"));
            assertEquals(section(1, "2.1", "Cover of the inner letter."), fetch(imap, 1, "2.1"));
            assertEquals(section(1, "2.2", INNERMOST), fetch(imap, 1, "2.2"));
            assertEquals(section(1, "2.2.HEADER", innermostHeader), fetch(imap, 1, "2.2.HEADER"));
            assertEquals(section(1, "2.2.TEXT", "Innermost body line.\r\n"), fetch(imap, 1, "2.2.TEXT"));
            assertEquals(section(1, "2.2.MIME", "Content-Type: message/rfc822\r\n\r\n"), fetch(imap, 1, "2.2.MIME"));
            assertEquals(section(1, "2.2.1", "Innermost body line.\r\n"), fetch(imap, 1, "2.2.1"));
            assertEquals(section(1, "2.2.HEADER.FIELDS (SUBJECT)", "Subject: innermost\r\n\r\n"),
                fetch(imap, 1, "2.2.HEADER.FIELDS (SUBJECT)"));
            String innerText = INNER.substring(innerHeader.length());
            assertEquals("* 1 FETCH (BODY[2.TEXT]<5> {10}\r\n" + innerText.substring(5, 15) + ")\r\nf OK FETCH completed.\r\n",
                imap.command("f", "FETCH 1 (BODY.PEEK[2.TEXT]<5.10>)"));

            // Part 1 of a message that is itself message/rfc822 is the letter it carries (RFC 3501 6.4.5).
            assertEquals(section(2, "1", INNERMOST), fetch(imap, 2, "1"));
            assertEquals(section(2, "1.HEADER", innermostHeader), fetch(imap, 2, "1.HEADER"));
            assertEquals(section(2, "1.TEXT", "Innermost body line.\r\n"), fetch(imap, 2, "1.TEXT"));
            assertEquals(section(2, "1.1", "Innermost body line.\r\n"), fetch(imap, 2, "1.1"));

            String innermostWithoutBreak = INNERMOST.substring(0, INNERMOST.length() - 2);
            assertEquals(section(3, "2.1", innermostWithoutBreak), fetch(imap, 3, "2.1"));
            assertEquals(section(3, "2.1.MIME", MIDDLE_HEADER), fetch(imap, 3, "2.1.MIME"));
            assertEquals(section(3, "2.1.HEADER", innermostHeader), fetch(imap, 3, "2.1.HEADER"));
            assertEquals(section(3, "2.1.1", "Innermost body line."), fetch(imap, 3, "2.1.1"));
            assertEquals(section(3, "2.HEADER.FIELDS.NOT (SUBJECT)",
                "From: Mid <mid@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n"),
                fetch(imap, 3, "2.HEADER.FIELDS.NOT (SUBJECT)"));
            assertEquals(section(3, "9", ""), fetch(imap, 3, "9"), "a part the message lacks is empty");
            assertEquals("t BAD FETCH Invalid section: MIME needs a part number\r\n", imap.command("t", "FETCH 2 (BODY.PEEK[MIME])"));

            String innermostStructure = "(\"Mon, 7 Feb 1994 21:52:25 -0800\" \"innermost\" ((\"Innermost\" NIL \"inner2\" "
                + "\"example.org\")) ((\"Innermost\" NIL \"inner2\" \"example.org\")) ((\"Innermost\" NIL \"inner2\" "
                + "\"example.org\")) ((NIL NIL \"x\" \"example.org\")) NIL NIL NIL NIL)";
            assertEquals("* 1 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 31 0 NIL NIL NIL NIL)"
                    + "(\"MESSAGE\" \"RFC822\" NIL NIL \"forwarded\" \"7BIT\" 495 (\"Tue, 8 Feb 1994 10:00:00 +0700\" \"forwarded once\" "
                    + "((\"Inner\" NIL \"inner1\" \"example.org\")) ((\"Inner\" NIL \"inner1\" \"example.org\")) "
                    + "((\"Inner\" NIL \"inner1\" \"example.org\")) ((NIL NIL \"y\" \"example.org\")) NIL NIL NIL NIL) "
                    + "((\"TEXT\" \"PLAIN\" (\"charset\" \"utf-8\") NIL NIL \"7BIT\" 26 0 NIL NIL NIL NIL)"
                    + "(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 183 " + innermostStructure + " "
                    + "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 22 1 NIL NIL NIL NIL) 7 NIL NIL NIL NIL) "
                    + "\"MIXED\" (\"boundary\" \"in1\") NIL NIL NIL) 23 NIL NIL NIL NIL) \"MIXED\" (\"boundary\" \"out\") NIL NIL NIL))\r\n"
                    + "b OK FETCH completed.\r\n",
                imap.command("b", "FETCH 1 (BODYSTRUCTURE)"));
            assertEquals("* 2 FETCH (BODYSTRUCTURE (\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 183 " + innermostStructure + " "
                    + "(\"TEXT\" \"PLAIN\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 22 1 NIL NIL NIL NIL) 7 NIL NIL NIL NIL))\r\n"
                    + "b OK FETCH completed.\r\n",
                imap.command("b", "FETCH 2 (BODYSTRUCTURE)"));
        }
    }

    // --- item 2: ENVELOPE names written as comments, groups ----------------------------------------------------

    @Test
    void envelopeReadsNamesWrittenAsCommentsAndGroups() throws Exception {
        try (ExactImap imap = loggedIn()) {
            selectNew(imap, "Envelopes", crlf("""
                From: user@domain.example (Real Name)
                To: undisclosed-recipients:;
                Cc: Group: a@b.example (A), c@d.example;, solo@e.example (Solo (nested))
                Bcc: "Phrase" <p@f.example> (not a name), x@y.example (X) (Y)
                Subject: addresses
                Date: Thu, 10 Feb 1994 08:00:00 +0000

                body
                """));
            String from = "((\"Real Name\" NIL \"user\" \"domain.example\"))";
            assertEquals("* 1 FETCH (ENVELOPE (\"Thu, 10 Feb 1994 08:00:00 +0000\" \"addresses\" " + from + " " + from + " " + from + " "
                    + "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
                    + "((NIL NIL \"Group\" NIL)(\"A\" NIL \"a\" \"b.example\")(NIL NIL \"c\" \"d.example\")(NIL NIL NIL NIL)"
                    + "(\"Solo (nested)\" NIL \"solo\" \"e.example\")) "
                    + "((\"Phrase\" NIL \"p\" \"f.example\")(\"Y\" NIL \"x\" \"y.example\")) NIL NIL))\r\n"
                    + "e OK FETCH completed.\r\n",
                imap.command("e", "FETCH 1 (ENVELOPE)"));
        }
    }

    // --- item 3: SEARCH by date --------------------------------------------------------------------------------

    @Test
    void dateKeysCompareTheDayAsWritten() throws Exception {
        try (ExactImap imap = loggedIn()) {
            String box = newMailbox(imap, "Dates");
            // INTERNALDATE days in the server's zone (+07:00); Date: days as written. The comments give the UTC day.
            append(imap, box, "01-Jan-2024 23:30:00 +0000", dated("Mon, 01 Jan 2024 23:30:00 -0500")); // Jan 2 VN; UTC Jan 2
            append(imap, box, "02-Jan-2024 00:30:00 +0700", dated("Tue, 02 Jan 2024 00:30:00 +0700")); // Jan 2 VN; UTC Jan 1
            append(imap, box, "02-Jan-2024 18:00:00 +0000", dated("Tue, 02 Jan 2024 12:00:00 +0000")); // Jan 3 VN; UTC Jan 2
            append(imap, box, "02-Jan-2024 16:59:59 +0000", dated("Wed, 03 Jan 2024 01:00:00 +1400")); // Jan 2 VN; UTC Jan 2
            append(imap, box, "05-Jan-2024 12:00:00 +0000", crlf("Subject: no date\n\nbody\n"));
            imap.command("s", "SELECT " + box);

            assertEquals(found("1 2 4"), search(imap, "ON 2-Jan-2024"));
            assertEquals(found(""), search(imap, "ON 1-Jan-2024"));
            assertEquals(found(""), search(imap, "BEFORE 2-Jan-2024"));
            assertEquals(found("3 5"), search(imap, "SINCE 3-Jan-2024"));
            assertEquals(found("2 3"), search(imap, "SENTON 2-Jan-2024"));
            assertEquals(found("1"), search(imap, "SENTON 1-Jan-2024"));
            assertEquals(found("1"), search(imap, "SENTBEFORE 2-Jan-2024"));
            assertEquals(found("4"), search(imap, "SENTSINCE 3-Jan-2024"));
            assertEquals(found("2 3 4"), search(imap, "SENTSINCE 2-Jan-2024"));
            assertEquals(found("1 4"), search(imap, "OR SENTON 1-Jan-2024 SENTON 3-Jan-2024"));
            assertEquals(found("1 4 5"), search(imap, "NOT SENTON 2-Jan-2024"), "a message without Date: is sent on no day");
        }
    }

    // --- item 4: SEARCH with sequence sets ---------------------------------------------------------------------

    @Test
    void sequenceSetsSelectTheirMessagesWhereverTheyStand() throws Exception {
        try (ExactImap imap = loggedIn()) {
            selectNew(imap, "Empty");
            assertEquals(found(""), search(imap, "*"));
            assertEquals(found(""), search(imap, "1:*"));
            assertEquals("* SEARCH\r\nu OK SEARCH completed.\r\n", imap.command("u", "UID SEARCH UID *"));

            selectNew(imap, "Sequences", IntStream.rangeClosed(1, 5)
                .mapToObj(number -> crlf("Subject: message " + number + "\n\nbody\n")).toArray(String[]::new));
            imap.command("f", "STORE 2 +FLAGS.SILENT (\\Seen)");
            assertEquals(found("5"), search(imap, "*"));
            assertEquals(found("4 5"), search(imap, "4:*"));
            assertEquals(found("2 3 4 5"), search(imap, "5:2"));
            assertEquals(found("1 3"), search(imap, "1:3 UNSEEN"));
            assertEquals(found("2 4 5"), search(imap, "OR 2 4:*"));
            assertEquals(found("1 5"), search(imap, "NOT 2:4"));
            assertEquals(found("1 2"), search(imap, "OR NOT 2:5 SEEN"));
            assertEquals(found("4 5"), search(imap, "*:4"));
            assertEquals("* SEARCH 3 4 5\r\nu OK SEARCH completed.\r\n", imap.command("u", "UID SEARCH UID 3:*"));
            assertEquals("* SEARCH 5\r\nu OK SEARCH completed.\r\n", imap.command("u", "UID SEARCH UID 9:*"),
                "n:* holds the largest UID even past n");
            assertEquals("* SEARCH 1 2\r\nu OK SEARCH completed.\r\n", imap.command("u", "UID SEARCH OR UID 1 UID 2"));
        }
    }

    // --- item 5: LIST with several patterns --------------------------------------------------------------------

    @Test
    void listTakesSeveralPatternsAndNamesEachMailboxOnce() throws Exception {
        try (ExactImap imap = loggedIn()) {
            imap.command("c", "CREATE Listen");
            imap.command("c", "CREATE Lists.a");
            String three = "* LIST (\\HasNoChildren) \".\" \"Listen\"\r\n* LIST (\\HasChildren) \".\" \"Lists\"\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"Lists.a\"\r\n";
            assertEquals(three + "l OK LIST completed.\r\n", imap.command("l", "LIST \"\" (\"Listen\" \"Lists\" \"Lists.a\" \"List*\")"));
            assertEquals(three + "l OK LIST completed.\r\n", imap.command("l", "LIST \"\" (Listen Lists Lists.a List*)"));
            assertEquals("* LIST (\\HasNoChildren) \".\" \"Listen\"\r\n* STATUS \"Listen\" (MESSAGES 0)\r\n"
                    + "* LIST (\\HasChildren) \".\" \"Lists\"\r\n* STATUS \"Lists\" (MESSAGES 0)\r\n"
                    + "l OK LIST completed.\r\n",
                imap.command("l", "LIST \"\" (\"Listen\" \"Lists\" \"List*n\") RETURN (STATUS (MESSAGES))"));
            assertEquals("* LIST (\\HasNoChildren) \".\" \"Listen\"\r\nl OK LIST completed.\r\n",
                imap.command("l", "LIST (REMOTE) \"\" \"Listen\""), "no remote mailboxes here: the local ones");
            assertEquals("l BAD LIST failed. Illegal arguments.\r\n", imap.command("l", "LIST \"\" ()"));
            assertEquals("l OK LIST completed.\r\n", imap.command("l", "LIST \"\" \"&\""), "matches no mailbox");
        }
    }

    // --- item 6: odd mailbox names ------------------------------------------------------------------------------

    @Test
    void oddMailboxNamesAreAnsweredAndTheConnectionStays() throws Exception {
        String atomCharacters = "!#$&'+,-.0123456789:;<=>?@^_`|[}";
        String nonexistent = "NO [NONEXISTENT] No such mailbox: the name is not modified UTF-7 (write '&' as \"&-\")\r\n";
        String cannot = "NO [CANNOT] Invalid mailbox name: not modified UTF-7 (write '&' as \"&-\")\r\n";
        try (ExactImap imap = loggedIn()) {
            assertEquals("a " + nonexistent, imap.command("a", "SELECT " + atomCharacters));
            assertEquals("b " + nonexistent, imap.command("b", "EXAMINE " + atomCharacters));
            assertEquals("c " + nonexistent, imap.command("c", "STATUS " + atomCharacters + " (MESSAGES)"));
            assertEquals("d " + cannot, imap.command("d", "CREATE " + atomCharacters));
            assertEquals("e " + nonexistent, imap.command("e", "DELETE " + atomCharacters));
            assertEquals("f " + cannot, imap.command("f", "RENAME INBOX \"R&D\""));
            assertEquals("g OK NOOP completed.\r\n", imap.command("g", "NOOP"));

            String legal = "!#$&-'+,-0123456789:;<=>?@^_`|[}";
            assertTrue(imap.command("h", "SELECT " + legal).startsWith("h NO "));
            assertTrue(imap.command("i", "CREATE " + legal).matches("i OK \\[MAILBOXID \\(\\d+\\)\\] CREATE completed\\.\r\n"));
            assertEquals("* STATUS \"" + legal + "\" (MESSAGES 0)\r\nj OK STATUS completed.\r\n",
                imap.command("j", "STATUS " + legal + " (MESSAGES)"));
            assertEquals("* LIST (\\HasNoChildren) \".\" \"" + legal + "\"\r\nk OK LIST completed.\r\n",
                imap.command("k", "LIST \"\" " + legal));
            assertEquals("l OK DELETE completed.\r\n", imap.command("l", "DELETE " + legal));

            assertEquals("m NO [CANNOT] Invalid mailbox name: '*' and '%' are wildcards, and '#' starts a namespace\r\n",
                imap.command("m", "CREATE \"a*b\""));
            assertEquals("n NO [CANNOT] Invalid mailbox name: a hierarchy level is empty (leading or doubled separator)\r\n",
                imap.command("n", "CREATE \"a..b\""));
            assertEquals("o OK NOOP completed.\r\n", imap.command("o", "NOOP"));
        }
    }

    // --- item 7: literals before and after login ---------------------------------------------------------------

    @Test
    void literalsBeforeLoginAreSmallAndNeverInvitedWhenRefused() throws Exception {
        try (ExactImap imap = ExactImap.plain(MAIL.server().imapPort)) {
            String tooLarge = "BAD [TOOBIG] Literal too large: at most 4096 octets before login\r\n";
            assertEquals("a " + tooLarge, imap.command("a", "LOGIN {4000000000}"), "no '+' for 4 GB");
            assertEquals("b " + tooLarge, imap.command("b", "LOGIN {4097}"));
            assertEquals("c BAD Unreadable literal size\r\n", imap.command("c", "LOGIN {4x}"));
            assertEquals("d OK NOOP completed.\r\n", imap.command("d", "NOOP"), "the session goes on");
            imap.send("e LOGIN {4096}\r\n");
            assertEquals("+ Ok\r\n", imap.line(), "4096 octets are invited");
            imap.send("x".repeat(4096) + " password\r\n");
            assertEquals("e BAD Invalid argument: username length should not be longer than 255 characters\r\n", imap.answer("e"),
                "answered, not dropped as James 3.8.1 does");
            // A LITERAL+ literal is on its way before any answer: the session ends.
            imap.send("f LOGIN {5000+}\r\n" + "y".repeat(5000) + " password\r\n");
            assertEquals("f " + tooLarge, imap.line());
            assertEquals("* BYE Literal too large, closing the connection\r\n", imap.line());
            assertTrue(imap.closedByServer());
        }
    }

    /**
     * APPENDs pipelined with LITERAL+ in one write, as mbsync sends them: each literal read as a message, none of it
     * as commands, whatever its size against the buffers (small, a few TLS records, close to the 1 MB limit).
     */
    @Test
    void pipelinedAppendsWithNonSynchronizingLiteralsAreEachStored() throws Exception {
        try (ExactImap imap = loggedIn()) {
            String box = newMailbox(imap, "Pipelined");
            int[] sizes = {200, 40_000, 3_000, 900_000, 120_000, 500};
            StringBuilder commands = new StringBuilder();
            for (int i = 0; i < sizes.length; i++) {
                String message = crlf("Subject: pipelined " + i + "\n\n" + "dong noi dung\n".repeat(sizes[i] / 14));
                commands.append("p").append(i).append(" APPEND ").append(box).append(" (\\Seen) {")
                    .append(message.length()).append("+}\r\n").append(message).append("\r\n");
            }
            imap.send(commands + "n NOOP\r\n");
            for (int i = 0; i < sizes.length; i++) {
                assertTrue(imap.answer("p" + i).startsWith("p" + i + " OK [APPENDUID "), "APPEND " + i);
            }
            assertEquals("n OK NOOP completed.\r\n", imap.answer("n"));
            assertEquals("* STATUS \"" + box + "\" (MESSAGES " + sizes.length + ")\r\ns OK STATUS completed.\r\n",
                imap.command("s", "STATUS " + box + " (MESSAGES)"));
            imap.command("e", "EXAMINE " + box);
            String subjects = imap.command("f", "FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])");
            for (int i = 0; i < sizes.length; i++) {
                assertTrue(subjects.contains("Subject: pipelined " + i + "\r\n"), "message " + i + " in order:\n" + subjects);
            }
        }
    }

    @Test
    void literalsAfterLoginStopAtTheMessageSizeLimit() throws Exception {
        try (ExactImap imap = loggedIn()) {
            assertTrue(imap.command("c", "CAPABILITY").contains(" APPENDLIMIT=" + MESSAGE_LIMIT + " "),
                "the limit is the SMTP maxmessagesize (CONGVU_MAX_MESSAGE_SIZE=1M)");
            String box = newMailbox(imap, "Large");
            String tooLarge = "NO [TOOBIG] Message too large: at most " + MESSAGE_LIMIT + " octets\r\n";
            assertEquals("a " + tooLarge, imap.command("a", "APPEND " + box + " {" + (MESSAGE_LIMIT + 1) + "}"));
            assertEquals("b " + tooLarge, imap.command("b", "APPEND " + box + " {4000000000}"));
            assertEquals("c BAD [TOOBIG] Literal too large: at most " + MESSAGE_LIMIT + " octets\r\n",
                imap.command("c", "SEARCH TEXT {" + (MESSAGE_LIMIT + 1) + "}"));
            // LITERAL+ after login: answered, its octets read and dropped, the session goes on.
            byte[] octets = new byte[(int) MESSAGE_LIMIT + 1];
            Arrays.fill(octets, (byte) 'z');
            imap.send("d APPEND " + box + " {" + octets.length + "+}\r\n");
            imap.send(octets);
            imap.send("\r\ne NOOP\r\n");
            assertEquals("d " + tooLarge, imap.line());
            assertEquals("e OK NOOP completed.\r\n", imap.answer("e"));
            String message = crlf("Subject: fits\n\n" + "w".repeat(1000) + "\n");
            imap.send("f APPEND " + box + " {" + message.length() + "}\r\n");
            assertEquals("+ Ok\r\n", imap.line());
            imap.send(message + "\r\n");
            assertTrue(imap.answer("f").startsWith("f OK [APPENDUID "));
            assertEquals("* STATUS \"" + box + "\" (MESSAGES 1)\r\ng OK STATUS completed.\r\n",
                imap.command("g", "STATUS " + box + " (MESSAGES)"), "nothing of the refused literals was stored");
        }
    }

    // --- item 8: greetings -------------------------------------------------------------------------------------

    @Test
    void greetingsNameTheHostOnly() throws Exception {
        String host = InetAddress.getLocalHost().getHostName();
        Pattern greeting = Pattern.compile("\\* OK \\[CAPABILITY IMAP4REV1 ([^\\]\r\n]+)\\] " + Pattern.quote(host) + " ready\\.\r\n");
        try (ExactImap plain = ExactImap.plain(MAIL.server().imapPort)) {
            Matcher matched = greeting.matcher(plain.greeting());
            assertTrue(matched.matches(), plain.greeting());
            Set<String> announced = words("IMAP4REV1 " + matched.group(1));
            assertTrue(announced.containsAll(Set.of("STARTTLS", "LOGINDISABLED")), plain.greeting());
            assertEquals(capabilities(plain), announced, "the greeting announces what CAPABILITY answers");
        }
        try (ExactImap secure = ExactImap.tls(MAIL.server().imapsPort, MAIL.tls())) {
            Matcher matched = greeting.matcher(secure.greeting());
            assertTrue(matched.matches(), secure.greeting());
            Set<String> announced = words("IMAP4REV1 " + matched.group(1));
            assertTrue(announced.contains("AUTH=PLAIN") && !announced.contains("STARTTLS"), secure.greeting());
            assertEquals(capabilities(secure), announced);
        }
        try (Socket smtp = new Socket("127.0.0.1", MAIL.server().smtpPort)) {
            smtp.setSoTimeout(30_000);
            String smtpGreeting = new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(smtpGreeting.startsWith("220 ") && !smtpGreeting.toLowerCase(Locale.ROOT).contains("james"), smtpGreeting);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /** An official logged in over IMAPS (AUTHENTICATE PLAIN: the password is not ASCII). */
    private static ExactImap loggedIn() throws Exception {
        ExactImap imap = ExactImap.tls(MAIL.server().imapsPort, MAIL.tls());
        String plain = Base64.getEncoder().encodeToString(("\0" + AN + "\0" + OfficialsDirectory.PASSWORD).getBytes(StandardCharsets.UTF_8));
        String answer = imap.command("l", "AUTHENTICATE PLAIN " + plain);
        assertTrue(answer.startsWith("l OK "), answer);
        return imap;
    }

    private static int mailboxes;

    private static synchronized String newMailbox(ExactImap imap, String name) throws Exception {
        String mailbox = name + (++mailboxes);
        String answer = imap.command("n", "CREATE " + mailbox);
        assertTrue(answer.startsWith("n OK "), answer);
        return mailbox;
    }

    /** A new mailbox holding the messages, in that order, selected. */
    private static void selectNew(ExactImap imap, String name, String... messages) throws Exception {
        String mailbox = newMailbox(imap, name);
        for (String message : messages) {
            append(imap, mailbox, null, message);
        }
        imap.command("s", "SELECT " + mailbox);
    }

    private static void append(ExactImap imap, String mailbox, String internalDate, String message) throws Exception {
        byte[] octets = message.getBytes(StandardCharsets.ISO_8859_1);
        imap.send("p APPEND " + mailbox + (internalDate == null ? "" : " \"" + internalDate + "\"") + " {" + octets.length + "}\r\n");
        assertEquals("+ Ok\r\n", imap.line());
        imap.send(message + "\r\n");
        String answer = imap.answer("p");
        assertTrue(answer.startsWith("p OK [APPENDUID "), answer);
    }

    private static String fetch(ExactImap imap, int message, String section) throws Exception {
        return imap.command("f", "FETCH " + message + " (BODY.PEEK[" + section + "])");
    }

    /** The exact answer to {@link #fetch}: the section as a literal. */
    private static String section(int message, String section, String octets) {
        return "* " + message + " FETCH (BODY[" + section + "] {" + octets.length() + "}\r\n" + octets + ")\r\nf OK FETCH completed.\r\n";
    }

    private static String search(ExactImap imap, String keys) throws Exception {
        return imap.command("q", "SEARCH " + keys);
    }

    private static String found(String numbers) {
        return "* SEARCH" + (numbers.isEmpty() ? "" : " " + numbers) + "\r\nq OK SEARCH completed.\r\n";
    }

    private static String dated(String date) {
        return crlf("From: x@example.org\nSubject: dated\nDate: " + date + "\n\nbody\n");
    }

    private static Set<String> capabilities(ExactImap imap) throws Exception {
        String answer = imap.command("c", "CAPABILITY");
        return words(answer.substring("* CAPABILITY ".length(), answer.indexOf("\r\n")));
    }

    private static Set<String> words(String text) {
        return new TreeSet<>(Arrays.asList(text.trim().split(" ")));
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }
}
