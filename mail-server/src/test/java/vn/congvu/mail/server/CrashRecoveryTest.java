package vn.congvu.mail.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.Store;

import vn.congvu.mail.testing.MailClients;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.MailboxSnapshot;
import vn.congvu.mail.testing.ServerTrust;
import vn.congvu.mail.testing.SlapdAccounts;
import vn.congvu.mail.testing.SmtpLoad;

/**
 * kill -9 in the middle of a delivery stream: after a restart every message the server had accepted
 * (250 after DATA) is in the mailbox exactly once, and nothing it refused or never answered is duplicated.
 * The official is in a real slapd, as in every deployment.
 */
class CrashRecoveryTest {
    @RegisterExtension
    static final SlapdAccounts DIRECTORY = new SlapdAccounts();

    private static final String OFFICIAL = MailServerProcess.address("hoang.van.e");
    private static final String PASSWORD = "Mat-khau-2026";
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path home;

    /** Mail processed before the answer (the default), and through the spool queue as stock James does it. */
    @ParameterizedTest(name = "processed before the answer: {0}")
    @ValueSource(booleans = {true, false})
    void killDuringDeliveryLosesNoAcceptedMessage(boolean processBeforeReply) throws Exception {
        MailServerProcess server = DIRECTORY.mailServer(home,
            Map.of("CONGVU_PROCESS_BEFORE_REPLY", String.valueOf(processBeforeReply))).start();
        try {
            server.createUser(OFFICIAL, PASSWORD);
            MailClients clients = new MailClients(server);
            Set<String> accepted = new TreeSet<>();
            Set<String> attempted = new TreeSet<>();
            StringBuilder report = new StringBuilder();
            // Two crashes, each in the middle of a stream from 6 concurrent MX clients.
            for (int round = 0; round < 2; round++) {
                SmtpLoad load = new SmtpLoad(server.smtpPort, clients.tls(), OFFICIAL, "crash" + round).start(6, 100_000);
                Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
                while (load.acceptedCount() < 120 && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
                long queuedAtKill = server.spoolSize();
                server.kill();
                load.halt();
                assertTrue(load.acceptedCount() >= 120, "load reached the kill point: " + load.acceptedCount());
                accepted.addAll(load.accepted());
                attempted.addAll(load.attempted());
                report.append(String.format("round %d: %d accepted, %d queued at kill%n", round, load.acceptedCount(), queuedAtKill));
                server.start();
            }
            server.awaitSpoolDrained(Duration.ofSeconds(180));
            Store store = clients.imaps(OFFICIAL, PASSWORD);
            Map<String, Integer> delivered = MailboxSnapshot.of(store, "INBOX").subjectCounts();
            store.close();

            Set<String> lost = new TreeSet<>();
            for (String subject : accepted) {
                if (!delivered.containsKey(subject)) {
                    lost.add(subject);
                }
            }
            Set<String> duplicated = new TreeSet<>();
            delivered.forEach((subject, count) -> {
                if (count > 1) {
                    duplicated.add(subject);
                }
            });
            report.append(String.format("redeliveries recognised and skipped: %d%n",
                server.logLinesContaining("not delivering it twice")));
            System.out.print(report);
            assertEquals(Set.of(), lost, "accepted but lost\n" + report);
            assertEquals(Set.of(), duplicated, "delivered more than once\n" + report);
            assertTrue(attempted.containsAll(delivered.keySet()), "nothing delivered that was never sent");
        } finally {
            server.stop();
        }
    }

    /**
     * Mail to a group beyond the limit of processing before the reply is in the spool queue at its 250, and the
     * spooler delivers it afterwards: kill -9 after three such 250s, once the spooler has stored the last one for a
     * member and not yet for the others.
     */
    @Test
    void killWhileLargeGroupsAreDeliveredServesEachMemberOnce() throws Exception {
        String group = MailServerProcess.address("ban-thuong-vu");
        List<String> members = DIRECTORY.addGroupOfNewOfficials(group, "thanh.vien", 60, PASSWORD);
        MailServerProcess server = DIRECTORY.mailServer(home).start();
        try {
            MailClients clients = new MailClients(server);
            for (String subject : List.of("Nhom 1", "Nhom 2", "Nhom 3")) {
                clients.fromOutside(List.of(group), subject);
            }
            List<String> queued = server.mailsQueuedBeforeReply();
            assertEquals(3, queued.size(), server.logTail());
            String last = queued.get(2);
            // Killed once the spooler has stored the last mail for one member: the others are still to come.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (server.logLinesContaining("Local delivered mail " + last + " ") == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            server.kill();
            long servedAtKill = server.logLinesContaining("Local delivered mail " + last + " ");
            assertTrue(servedAtKill > 0, "the spooler was delivering at the kill\n" + server.logTail());
            server.start();
            server.awaitSpoolDrained(Duration.ofSeconds(180));
            long skipped = server.logLinesContaining("not delivering it twice");
            System.out.printf("last mail: %d of 60 members served at the kill; redeliveries recognised and skipped: %d%n",
                servedAtKill, skipped);
            for (String member : members) {
                Store store = clients.imaps(member, PASSWORD);
                Map<String, Integer> delivered = MailboxSnapshot.of(store, "INBOX").subjectCounts();
                store.close();
                assertEquals(Map.of("Nhom 1", 1, "Nhom 2", 1, "Nhom 3", 1), delivered, member);
            }
        } finally {
            server.stop();
        }
    }

    /**
     * IMAP APPEND: kill -9 while four sessions append to INBOX and to another folder. After a restart every
     * message the server answered OK is there once, byte for byte, with its flags and internal date; whatever
     * else is there was sent whole (an APPEND cut by the kill is there completely or not at all).
     */
    @Test
    void killDuringAppendsLosesNoAcknowledgedMessage() throws Exception {
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " missing (apt-get install python3)");
        Path script = home.resolve("append_crash.py");
        try (InputStream in = getClass().getResourceAsStream("/python/append_crash.py")) {
            Files.copy(in, script);
        }
        MailServerProcess server = DIRECTORY.mailServer(home.resolve("server")).start();
        try {
            server.createUser(OFFICIAL, PASSWORD);
            Path ca = ServerTrust.exportCertificate(server, home.resolve("ca.pem"));
            Path password = home.resolve("password");
            Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
            Path log = home.resolve("appends.log");
            Files.createFile(log);
            List<String> client = List.of("--port", String.valueOf(server.imapsPort), "--ca", ca.toString(),
                "--user", OFFICIAL, "--password-file", password.toString(), "--log", log.toString());
            List<String> appending = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "append", "--sessions", "4"));
            appending.addAll(client);
            Process appends = new ProcessBuilder(appending).redirectErrorStream(true)
                .redirectOutput(home.resolve("append.out").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (acknowledged(log) < 200 && appends.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            long atKill = acknowledged(log);
            server.kill();
            assertTrue(appends.waitFor(90, TimeUnit.SECONDS), "the APPEND client noticed the server was gone");
            assertTrue(atKill >= 200, "appends reached the kill point: " + atKill + "\n"
                + Files.readString(home.resolve("append.out")) + server.logTail());
            server.start();
            List<String> checking = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "check"));
            checking.addAll(client);
            Process check = new ProcessBuilder(checking).redirectErrorStream(true).start();
            String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(120, TimeUnit.SECONDS), "append_crash.py check finished");
            System.out.printf("APPENDs acknowledged at the kill: %d; after the restart: %s", atKill, report);
            assertEquals(0, check.exitValue(), "every acknowledged APPEND kept exactly:\n" + report + server.logTail());
        } finally {
            server.stop();
        }
    }

    private static long acknowledged(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.US_ASCII)) {
            return lines.filter(line -> line.startsWith("OK ")).count();
        }
    }
}
