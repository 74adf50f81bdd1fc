package vn.congvu.mail.james;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Store;

/**
 * The production storage option: mailboxes and accounts in PostgreSQL (Debian's server, throw-away
 * cluster on a free loopback port) selected only through CONGVU_MAIL_DB_* variables. Skipped when
 * the postgresql package is not installed.
 */
class PostgresStorageTest {
    private static final String A = MailServerProcess.address("bui.van.p");
    private static final String B = MailServerProcess.address("mai.thi.q");
    private static final String PASSWORD = "Mat-khau-2026";

    @TempDir
    Path home;

    @Test
    void mailboxesLiveInPostgresAndSurviveARestart() throws Exception {
        Path binaries = postgresBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path cluster = Files.createTempDirectory("congvu-mail-pg");
        int port = MailServerProcess.freePorts(1)[0];
        if (root) {
            run(List.of("chown", "postgres", cluster.toString()));
        }
        postgres(root, binaries.resolve("initdb").toString(), "-D", cluster.resolve("db").toString(), "-A", "trust",
            "-U", "congvu", "-E", "UTF8", "--locale=C");
        postgres(root, binaries.resolve("pg_ctl").toString(), "-D", cluster.resolve("db").toString(), "-w",
            "-l", cluster.resolve("log").toString(),
            "-o", "-p " + port + " -k " + cluster + " -c listen_addresses=127.0.0.1", "start");
        MailServerProcess server = new MailServerProcess(home, Map.of(
            "CONGVU_MAIL_DB_DRIVER", "org.postgresql.Driver",
            "CONGVU_MAIL_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
            "CONGVU_MAIL_DB_USER", "congvu",
            "CONGVU_MAIL_DB_PASSWORD", ""));
        try {
            server.start();
            server.createUser(A, PASSWORD);
            server.createUser(B, PASSWORD);
            MailClients clients = new MailClients(server);
            clients.submit(A, PASSWORD, B, "Lưu trên PostgreSQL", "nội dung");
            server.awaitSpoolDrained(Duration.ofSeconds(60));
            Store store = clients.imaps(B, PASSWORD);
            MailboxSnapshot before = MailboxSnapshot.of(store, "INBOX");
            store.close();
            assertEquals(1, before.subjectCounts().getOrDefault("Lưu trên PostgreSQL", 0));
            assertEquals(false, Files.exists(home.resolve("mail/var/store/derby")), "nothing stored in Derby");

            server.stop();
            server.start();
            Store after = new MailClients(server).imaps(B, PASSWORD);
            assertEquals(before, MailboxSnapshot.of(after, "INBOX"));
            after.close();
        } finally {
            server.stop();
            postgres(root, binaries.resolve("pg_ctl").toString(), "-D", cluster.resolve("db").toString(), "-m", "immediate", "stop");
            run(List.of("rm", "-rf", cluster.toString()));
        }
    }

    private static Path postgresBinaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        assumeTrue(Files.isDirectory(lib), "PostgreSQL server not installed (apt-get install postgresql)");
        try (Stream<Path> versions = Files.list(lib)) {
            Path binaries = versions.map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.naturalOrder()).orElse(null);
            assumeTrue(binaries != null, "no initdb under /usr/lib/postgresql");
            return binaries;
        }
    }

    private static void postgres(boolean root, String... command) throws Exception {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", "postgres", "--")); // initdb refuses to run as root
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
