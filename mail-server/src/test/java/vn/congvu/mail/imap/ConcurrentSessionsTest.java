package vn.congvu.mail.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.PostgresCluster;
import vn.congvu.mail.testing.ServerTrust;
import vn.congvu.mail.testing.SlapdAccounts;

/**
 * Issue 19: ten IMAP sessions of one official on one INBOX while mail is delivered to it, as officials run
 * several clients at once. imap_stress.py (Python's imaplib) checks every untagged response against what
 * each session was told (RFC 3501 / 9051), that no stored message is lost, that \Recent goes to one session,
 * and times every command. On directory accounts from a real slapd, on Derby and on PostgreSQL.
 */
class ConcurrentSessionsTest {
    private static final String OFFICIAL = OfficialsDirectory.mail("an");
    private static final int SESSIONS = 10;
    private static final int SECONDS = 20;
    /**
     * A command waiting this long is stuck on a lock (Derby's lock timeout is 20 s), not slowed by a busy
     * machine; the 1 s target belongs to bench/imap-concurrency.sh.
     */
    private static final double DEADLOCK_BOUND_MS = 10_000;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    /** The official's directory; a fresh one for each storage. */
    @RegisterExtension
    final SlapdAccounts directory = new SlapdAccounts();

    @Test
    void tenSessionsOnOneMailboxOnDerby() throws Exception {
        stress("Derby", Map.of());
    }

    @Test
    void tenSessionsOnOneMailboxOnPostgres() throws Exception {
        try (PostgresCluster postgres = PostgresCluster.start()) {
            stress("PostgreSQL", postgres.mailServerEnvironment());
        }
    }

    private void stress(String storage, Map<String, String> storageEnvironment) throws Exception {
        assertTrue(Files.isExecutable(PYTHON), PYTHON + " missing (apt-get install python3)");
        Path script = dir.resolve("imap_stress.py");
        try (InputStream in = getClass().getResourceAsStream("/python/imap_stress.py")) {
            Files.copy(in, script);
        }
        // The instrument first: every one of its checks must fire on responses that break the rule.
        Run selfTest = python(List.of(script.toString(), "--self-test"), 60);
        assertEquals(0, selfTest.exit, "imap_stress.py --self-test:\n" + selfTest.output);

        try (MailServerProcess server = directory.mailServer(directory.newHome("mail"), storageEnvironment).start()) {
            Path ca = ServerTrust.exportCertificate(server, dir.resolve("ca.pem"));
            Path password = dir.resolve("password");
            Files.writeString(password, OfficialsDirectory.PASSWORD + "\n", StandardCharsets.UTF_8);
            Run run = python(List.of(script.toString(), "--port", String.valueOf(server.imapsPort),
                "--ca", ca.toString(), "--user", OFFICIAL, "--password-file", password.toString(),
                "--sessions", String.valueOf(SESSIONS), "--seconds", String.valueOf(SECONDS),
                "--smtp", "127.0.0.1:" + server.smtpPort, "--delivery-rate", "5", "--seed", "19",
                "--timeout", "60"), SECONDS + 900);
            assertTrue(run.exit == 0 || run.exit == 1, "imap_stress.py could not run (exit " + run.exit + "):\n"
                + run.output + "\nserver log:\n" + server.logTail());
            Result result = Result.of(run.output);
            List<String> problems = new ArrayList<>();
            if (result.commands == 0 || result.deliveries == 0) {
                problems.add("nothing ran");
            }
            if (result.errors > 0) {
                problems.add(result.errors + " errors");
            }
            if (result.violations > 0) {
                problems.add(result.violations + " protocol violations");
            }
            if (result.longestWaitMs >= DEADLOCK_BOUND_MS) {
                problems.add(String.format("a command waited %.0f ms (bound %.0f ms)", result.longestWaitMs,
                    DEADLOCK_BOUND_MS));
            }
            assertTrue(problems.isEmpty(), SESSIONS + " sessions on one INBOX on " + storage + ": "
                + String.join(", ", problems) + "\n" + result.summary() + "\n" + run.human());
        }
    }

    private Run python(List<String> arguments, long timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(PYTHON.toString());
        command.addAll(arguments);
        Path log = Files.createTempFile(dir, "python", ".out");
        // Output to a file, so the timeout below also bounds a script that hangs without closing its stdout.
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("imap_stress.py did not finish within " + timeoutSeconds + " s:\n"
                + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
        /** The report without the JSON line (which repeats it). */
        String human() {
            return output.lines().filter(line -> !line.startsWith("{")).reduce("", (a, b) -> a + b + "\n");
        }
    }

    /** The figures of imap_stress.py's last line (one JSON object). */
    private record Result(long commands, long deliveries, long errors, long violations, double longestWaitMs,
                          String longestWaitCommand) {
        static Result of(String output) {
            String json = output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no JSON line in:\n" + output));
            return new Result(number(json, "\"commands\": (\\d+)"), number(json, "\"deliveries\": (\\d+)"),
                number(json, "\"errors\": \\{\"count\": (\\d+)"), number(json, "\"violations\": \\{\"count\": (\\d+)"),
                Double.parseDouble(text(json, "\"longest_wait_ms\": ([0-9.]+)")),
                text(json, "\"longest_wait_command\": \"((?:[^\"\\\\]|\\\\.)*)\""));
        }

        String summary() {
            return String.format("%d commands, %d deliveries, %d errors, %d violations, longest wait %.0f ms (%s)",
                commands, deliveries, errors, violations, longestWaitMs, longestWaitCommand);
        }

        private static long number(String json, String regex) {
            return Long.parseLong(text(json, regex));
        }

        private static String text(String json, String regex) {
            Matcher m = Pattern.compile(regex).matcher(json);
            if (!m.find()) {
                throw new AssertionError("no " + regex + " in " + json);
            }
            return m.group(1);
        }
    }
}
