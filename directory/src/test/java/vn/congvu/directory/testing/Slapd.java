package vn.congvu.directory.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.model.DirectoryLayout;

/**
 * A real Debian OpenLDAP slapd for tests: own config directory, free loopback port, CongVu schema, only the suffix
 * entry. Built by {@code config/ldap/local-slapd.sh}, the same script the benchmarks use.
 */
public final class Slapd implements AutoCloseable {

    public static final String ROOT_PASSWORD = "root-secret";

    private final Path dir;
    private final int port;
    private final DirectoryLayout layout;
    private Process process;

    private Slapd(Path dir, int port, DirectoryLayout layout) {
        this.dir = dir;
        this.port = port;
        this.layout = layout;
    }

    /** Creates and starts a fresh server for {@code domain}. */
    public static Slapd start(Path dir, String domain) throws IOException, InterruptedException {
        DirectoryLayout layout = DirectoryLayout.forDomain(domain);
        run(script().toString(), "init", dir.toString(), layout.baseDn(), ROOT_PASSWORD);
        Slapd slapd = new Slapd(dir, freePort(), layout);
        slapd.startAgain();
        return slapd;
    }

    /** Starts the server again on the same port and data, after {@link #stop()}. */
    public void startAgain() throws IOException, InterruptedException {
        process = new ProcessBuilder(script().toString(), "run", dir.toString(), String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("slapd.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("slapd exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("slapd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("slapd did not listen on " + port + " within 20 s");
    }

    /** Kills the server (SIGKILL): the directory "goes away". */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public DirectoryLayout layout() {
        return layout;
    }

    public String rootDn() {
        return "cn=admin," + layout.baseDn();
    }

    /** Settings binding as the root DN, as provisioning does. */
    public DirectorySettings settings() {
        return DirectorySettings.fromEnvironment(Map.of(
                "CONGVU_DOMAIN", layout.domain(),
                "CONGVU_LDAP_URL", url(),
                "CONGVU_LDAP_BIND_DN", rootDn(),
                "CONGVU_LDAP_BIND_PASSWORD", ROOT_PASSWORD));
    }

    /** Settings with a short timeout, for tests that take the server away. */
    public DirectorySettings settings(Duration timeout) {
        DirectorySettings s = settings();
        return new DirectorySettings(s.urls(), s.bindDn(), s.bindPassword(), s.layout(), timeout, timeout, s.poolSize());
    }

    /** Runs ldapadd/ldapsearch style tools against this server. */
    public String ldap(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(tool, "-x", "-H", url(), "-D", rootDn(), "-w", ROOT_PASSWORD));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static Path script() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("config/ldap/local-slapd.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("config/ldap/local-slapd.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** A free loopback port (for the servers a test starts beside this one). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
