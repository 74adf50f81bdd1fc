package vn.congvu.mail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster (Debian's server binaries) on a free loopback port, trust authentication,
 * user congvu; removed on close. Fails with what to install when the postgresql package is missing: a
 * skipped storage test would hide that gap.
 */
public final class PostgresCluster implements AutoCloseable {
    public final int port;
    private final Path binaries;
    private final Path directory;
    private final boolean root;

    private PostgresCluster(Path binaries, Path directory, int port, boolean root) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.root = root;
    }

    public static PostgresCluster start() throws Exception {
        Path binaries = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("congvu-mail-pg");
        int port = MailServerProcess.freePorts(1)[0];
        if (root) {
            run(List.of("chown", "postgres", directory.toString()));
        }
        PostgresCluster cluster = new PostgresCluster(binaries, directory, port, root);
        cluster.postgres("initdb", "-D", directory.resolve("db").toString(), "-A", "trust",
            "-U", "congvu", "-E", "UTF8", "--locale=C");
        cluster.postgres("pg_ctl", "-D", directory.resolve("db").toString(), "-w",
            "-l", directory.resolve("log").toString(),
            "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
        return cluster;
    }

    /** The CONGVU_MAIL_DB_* variables that put the mail server's storage in this cluster. */
    public Map<String, String> mailServerEnvironment() {
        return Map.of(
            "CONGVU_MAIL_DB_DRIVER", "org.postgresql.Driver",
            "CONGVU_MAIL_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
            "CONGVU_MAIL_DB_USER", "congvu",
            "CONGVU_MAIL_DB_PASSWORD", "");
    }

    @Override
    public void close() throws Exception {
        try {
            postgres("pg_ctl", "-D", directory.resolve("db").toString(), "-m", "immediate", "stop");
        } finally {
            run(List.of("rm", "-rf", directory.toString()));
        }
    }

    private static Path binaries() throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("PostgreSQL server not installed (apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(version -> version.resolve("bin"))
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql (apt-get install postgresql)"));
        }
    }

    private void postgres(String tool, String... arguments) throws Exception {
        List<String> line = new ArrayList<>();
        if (root) {
            line.addAll(List.of("runuser", "-u", "postgres", "--")); // initdb refuses to run as root
        }
        line.add(binaries.resolve(tool).toString());
        line.addAll(List.of(arguments));
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
