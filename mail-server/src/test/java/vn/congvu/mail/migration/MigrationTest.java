package vn.congvu.mail.migration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Flags;
import jakarta.mail.Store;
import picocli.CommandLine;
import vn.congvu.mail.migration.MigrateCommand;
import vn.congvu.mail.migration.MigrationSecret;
import vn.congvu.mail.testing.ExactImap;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OldImapServer;
import vn.congvu.mail.testing.ServerTrust;
import vn.congvu.mail.testing.SlapdAccounts;

/**
 * {@code ./congvu migrate} from a private Dovecot into a mail server on directory accounts: folders (a Vietnamese
 * and a nested one), flags and INTERNALDATEs, message by message; a second run copies only what arrived since;
 * a broken row and a wrong password are reported while the others migrate; nothing changes on the old server.
 * The master login is refused unless a migration runs, and with a wrong secret.
 */
class MigrationTest {
    @RegisterExtension
    static final SlapdAccounts DIRECTORY = new SlapdAccounts();

    private static final String PASSWORD = "Mat-khau-2026";
    private static final String MASTER_PASSWORD = "Quan-tri-cu-2026";
    private static final String VIETNAMESE = "Công văn đến";
    private static final String NESTED = VIETNAMESE + ".Năm 2019";
    private static final Flags STANDARD = new Flags();

    static {
        for (Flags.Flag flag : new Flags.Flag[] {Flags.Flag.SEEN, Flags.Flag.FLAGGED, Flags.Flag.ANSWERED, Flags.Flag.DRAFT, Flags.Flag.DELETED}) {
            STANDARD.add(flag);
        }
    }

    @TempDir
    Path home;

    @Test
    void migratesFoldersFlagsDatesResumesAndReportsFailures() throws Exception {
        Map<String, String> old = Map.of("a@old.vn", "mk-a", "b@old.vn", "mk-b", "c@old.vn", "mk-c");
        try (OldImapServer dovecot = OldImapServer.start(home.resolve("dovecot"), old, MASTER_PASSWORD);
             MailServerProcess server = DIRECTORY.mailServer(home.resolve("server")).start()) {
            for (String uid : List.of("ngo.van.a", "tran.thi.b", "le.van.c")) {
                server.createUser(MailServerProcess.address(uid), PASSWORD);
            }
            try (Store a = dovecot.connect("a@old.vn", "mk-a")) {
                OldImapServer.append(a, "INBOX", message(1, "Giấy mời họp"), flags(Flags.Flag.SEEN), date("2019-03-04T05:06:07Z"));
                Flags flaggedKeyword = flags(Flags.Flag.FLAGGED);
                flaggedKeyword.add("KhanCap");
                OldImapServer.append(a, "INBOX", message(2, "Khẩn: báo cáo quý"), flaggedKeyword, date("2020-01-02T03:04:05Z"));
                OldImapServer.append(a, "INBOX", message(3, "Đã trả lời"), flags(Flags.Flag.SEEN, Flags.Flag.ANSWERED), date("2021-06-07T08:09:10Z"));
                OldImapServer.append(a, "Sent", message(4, "Gửi Sở Tài chính"), flags(Flags.Flag.SEEN), date("2018-12-31T23:59:59Z"));
                OldImapServer.append(a, VIETNAMESE, message(5, "Công văn số 12/UBND"), new Flags(), date("2017-05-06T07:08:09Z"));
                OldImapServer.append(a, NESTED, message(6, "Lưu trữ 2019"), flags(Flags.Flag.SEEN), date("2019-11-12T13:14:15Z"));
            }
            try (Store b = dovecot.connect("b@old.vn", "mk-b"); Store c = dovecot.connect("c@old.vn", "mk-c")) {
                OldImapServer.append(b, "INBOX", message(7, "Thư của B"), new Flags(), date("2016-01-01T00:00:00Z"));
                OldImapServer.append(c, "INBOX", message(8, "Thư của C"), flags(Flags.Flag.SEEN), date("2015-02-03T04:05:06Z"));
            }
            Map<String, Map<String, List<OldImapServer.Seen>>> oldBefore = readOld(dovecot, old);

            // Excel habits: BOM, ';', quoted fields; a row without uid, a wrong password
            Path list = home.resolve("officials.csv");
            Files.write(list, ("\uFEFFuid;login;password\r\n"
                + "ngo.van.a;a@old.vn;\"mk-a\"\r\n"
                + "tran.thi.b;b@old.vn;sai-mat-khau\r\n"
                + ";x@old.vn;mk-x\r\n"
                + "\"le.van.c\";c@old.vn;mk-c\r\n").getBytes(StandardCharsets.UTF_8));
            Run first = migrate(server, dovecot, list.toString(), "--parallel", "2");
            assertTrue(first.output.contains("ngo.van.a@example.gov.vn: migrated, 6 messages copied"), first.output + mbsyncLogs(server) + server.logTail());
            assertEquals(1, first.exit, first.output);
            assertTrue(first.output.contains("line 4: uid is empty"), first.output);
            assertTrue(first.output.contains("tran.thi.b@example.gov.vn: FAILED: the old server refused the login of b@old.vn"), first.output);
            assertTrue(first.output.contains("ngo.van.a@example.gov.vn: migrated, 6 messages copied"), first.output);
            assertTrue(first.output.contains("le.van.c@example.gov.vn: migrated, 1 messages copied"), first.output);
            assertFalse(first.output.contains("sai-mat-khau") || first.output.contains("mk-a"), first.output);
            assertFalse(Files.exists(MigrationSecret.file(server.home)), "the secret is gone after the run");

            SSLContext tls = ServerTrust.of(server);
            assertSameMessages(oldBefore.get("a@old.vn"), readCongVu(tls, server, "ngo.van.a"), "ngo.van.a");
            assertSameMessages(oldBefore.get("c@old.vn"), readCongVu(tls, server, "le.van.c"), "le.van.c");
            assertTrue(server.logLinesContaining("Migration login as ngo.van.a@example.gov.vn from 127.0.0.1 accepted") > 0, server.logTail());

            // a message arrives on the old server; b's account is taken with the old server's master login
            try (Store a = dovecot.connect("a@old.vn", "mk-a")) {
                OldImapServer.append(a, NESTED, message(9, "Đến sau lần đầu"), flags(Flags.Flag.FLAGGED), date("2022-02-02T02:02:02Z"));
            }
            Map<String, Map<String, List<OldImapServer.Seen>>> oldSecond = readOld(dovecot, old);
            Run second = migrate(server, dovecot, list.toString());
            assertTrue(second.output.contains("ngo.van.a@example.gov.vn: migrated, 1 messages copied"), second.output);
            assertTrue(second.output.contains("le.van.c@example.gov.vn: migrated, 0 messages copied"), second.output);
            assertSameMessages(oldSecond.get("a@old.vn"), readCongVu(tls, server, "ngo.van.a"), "ngo.van.a after the second run");
            assertSameMessages(oldSecond.get("c@old.vn"), readCongVu(tls, server, "le.van.c"), "le.van.c after the second run");

            Path masterList = home.resolve("master.csv");
            Files.writeString(masterList, "uid,login\ntran.thi.b,b@old.vn\n", StandardCharsets.UTF_8);
            Path masterPassword = home.resolve("master.password");
            Files.writeString(masterPassword, MASTER_PASSWORD, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(masterPassword, PosixFilePermissions.fromString("rw-------"));
            Run master = migrate(server, dovecot, masterList.toString(),
                "--from-master", OldImapServer.MASTER, "--from-master-password-file", masterPassword.toString());
            assertEquals(0, master.exit, master.output);
            assertSameMessages(oldSecond.get("b@old.vn"), readCongVu(tls, server, "tran.thi.b"), "tran.thi.b");

            assertEquals(unchanging(oldSecond), unchanging(readOld(dovecot, old)), "the old server is unchanged");
        }
    }

    @Test
    void masterLoginOnlyWhileMigratingAndWithItsSecret() throws Exception {
        try (MailServerProcess server = DIRECTORY.mailServer(home.resolve("server")).start()) {
            String official = MailServerProcess.address("pham.van.d");
            server.createUser(official, PASSWORD);
            String masterLogin = "pham.van.d*migration@" + MailServerProcess.DOMAIN;
            SSLContext tls = ServerTrust.of(server);
            assertTrue(login(server, tls, masterLogin, "anything").contains("a NO"), "no migration running");

            Path secretFile = MigrationSecret.file(server.home);
            String secret = MigrationSecret.create(secretFile);
            try {
                assertTrue(login(server, tls, masterLogin, secret + "x").contains("a NO"), "wrong secret");
                assertTrue(login(server, tls, "nobody*migration@" + MailServerProcess.DOMAIN, secret).contains("a NO"), "no such official");
                assertTrue(login(server, tls, official, secret).contains("a NO"), "the secret is no password of the official");
                String accepted = login(server, tls, masterLogin, secret);
                assertTrue(accepted.contains("a OK"), accepted);
                Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));
                assertTrue(login(server, tls, masterLogin, secret).contains("a NO"), "a secret others can read");
            } finally {
                MigrationSecret.remove(secretFile);
            }
            assertTrue(login(server, tls, masterLogin, secret).contains("a NO"), "migration ended");
            assertTrue(login(server, tls, official, PASSWORD).contains("a OK"), "the official's own login");
            assertTrue(server.logLinesContaining("Migration login as pham.van.d@example.gov.vn from 127.0.0.1 refused: no migration is running") >= 2,
                server.logTail());
            assertTrue(server.logLinesContaining("refused: wrong secret") >= 1, server.logTail());
            assertFalse(String.join("\n", server.logLines()).contains(secret), "the secret is never logged");
        }
    }

    /** What mbsync said for each official, for a failure's message. */
    private static String mbsyncLogs(MailServerProcess server) throws java.io.IOException {
        StringBuilder logs = new StringBuilder();
        try (var files = Files.walk(server.home.resolve("migration"))) {
            for (Path log : (Iterable<Path>) files.filter(file -> file.getFileName().toString().equals("mbsync.log"))::iterator) {
                logs.append("\n--- ").append(log).append('\n').append(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        return logs.append('\n').toString();
    }

    private static String login(MailServerProcess server, SSLContext tls, String user, String password) throws Exception {
        try (ExactImap imap = ExactImap.tls(server.imapsPort, tls)) {
            return imap.command("a", "LOGIN \"" + user + "\" \"" + password + "\"");
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run migrate(MailServerProcess server, OldImapServer dovecot, String... arguments) {
        Map<String, String> env = new HashMap<>();
        env.put("CONGVU_HOME", server.home.toString());
        env.put("CONGVU_DOMAIN", MailServerProcess.DOMAIN);
        env.put("CONGVU_IMAPS_PORT", String.valueOf(server.imapsPort));
        List<String> args = new ArrayList<>(Arrays.asList(arguments));
        args.addAll(List.of("--from", "imaps://localhost:" + dovecot.imapsPort, "--from-ca", dovecot.certificate.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new MigrateCommand(env, out)).execute(args.toArray(String[]::new));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, Map<String, List<OldImapServer.Seen>>> readOld(OldImapServer dovecot, Map<String, String> accounts)
            throws Exception {
        Map<String, Map<String, List<OldImapServer.Seen>>> all = new TreeMap<>();
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            try (Store store = dovecot.connect(account.getKey(), account.getValue())) {
                all.put(account.getKey(), comparable(OldImapServer.read(store)));
            }
        }
        return all;
    }

    private static Map<String, List<OldImapServer.Seen>> readCongVu(SSLContext tls, MailServerProcess server, String uid) throws Exception {
        try (Store store = OldImapServer.imaps(tls, server.imapsPort, MailServerProcess.address(uid), PASSWORD)) {
            return comparable(OldImapServer.read(store));
        }
    }

    /** Folders with messages only, each message's octets as text so that records compare by value. */
    private static Map<String, List<OldImapServer.Seen>> comparable(Map<String, List<OldImapServer.Seen>> folders) {
        Map<String, List<OldImapServer.Seen>> sorted = new TreeMap<>();
        folders.forEach((name, messages) -> {
            if (!messages.isEmpty()) {
                sorted.put(name, messages);
            }
        });
        return sorted;
    }

    /**
     * Same folders, and in each the same messages: octets equal but for the X-TUID header mbsync adds, the same
     * system flags (isync 1.4.4 does not carry keywords), the same INTERNALDATE; no message twice.
     */
    private static void assertSameMessages(Map<String, List<OldImapServer.Seen>> old, Map<String, List<OldImapServer.Seen>> migrated,
                                           String who) {
        assertEquals(old.keySet(), migrated.keySet(), who + ": folders");
        old.forEach((folder, messages) -> {
            List<OldImapServer.Seen> copies = migrated.get(folder);
            assertEquals(messages.size(), copies.size(), who + ": messages in " + folder);
            for (OldImapServer.Seen original : messages) {
                List<OldImapServer.Seen> same = copies.stream().filter(copy -> original.messageId().equals(copy.messageId())).toList();
                assertEquals(1, same.size(), who + ": copies of " + original.messageId() + " in " + folder);
                OldImapServer.Seen copy = same.get(0);
                assertArrayEquals(original.octets(), withoutTuid(copy.octets()), who + ": octets of " + original.messageId());
                assertEquals(system(original.flags()), system(copy.flags()), who + ": flags of " + original.messageId());
                assertNotNull(copy.internalDate());
                assertEquals(original.internalDate(), copy.internalDate(), who + ": INTERNALDATE of " + original.messageId());
            }
        });
    }

    /** Per account and folder, each message's id, octets, flags but \Recent (a SELECT takes it) and INTERNALDATE. */
    private static Map<String, Map<String, List<String>>> unchanging(Map<String, Map<String, List<OldImapServer.Seen>>> accounts) {
        Map<String, Map<String, List<String>>> all = new TreeMap<>();
        accounts.forEach((account, folders) -> {
            Map<String, List<String>> described = new TreeMap<>();
            folders.forEach((folder, messages) -> described.put(folder, messages.stream()
                .map(message -> message.messageId() + " " + new String(message.octets(), StandardCharsets.ISO_8859_1).hashCode()
                    + " " + system(message.flags()) + " " + Arrays.toString(message.flags().getUserFlags()) + " " + message.internalDate().getTime())
                .sorted().toList()));
            all.put(account, described);
        });
        return all;
    }

    private static byte[] withoutTuid(byte[] octets) {
        String text = new String(octets, StandardCharsets.ISO_8859_1);
        return text.replaceFirst("(?m)^X-TUID: [^\r\n]*\r\n", "").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Flags system(Flags flags) {
        Flags system = new Flags();
        for (Flags.Flag flag : flags.getSystemFlags()) {
            if (flag != Flags.Flag.RECENT) {
                system.add(flag);
            }
        }
        return system;
    }

    private static Flags flags(Flags.Flag... flags) {
        Flags set = new Flags();
        for (Flags.Flag flag : flags) {
            set.add(flag);
        }
        return set;
    }

    private static Date date(String instant) {
        return Date.from(Instant.parse(instant));
    }

    private static String message(int number, String subject) {
        return "From: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("Văn phòng".getBytes(StandardCharsets.UTF_8))
            + "?= <vanphong@old.vn>\r\n"
            + "To: can.bo@old.vn\r\n"
            + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8)) + "?=\r\n"
            + "Message-ID: <migration-" + number + "@old.vn>\r\n"
            + "Date: Mon, 4 Mar 2019 05:06:07 +0700\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Kính gửi đồng chí,\r\nNội dung thư số " + number + ": " + subject + ".\r\n";
    }
}
