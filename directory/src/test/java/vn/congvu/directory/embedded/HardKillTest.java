package vn.congvu.directory.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.ConfigFiles;

/** kill -9 of a real server process while four clients are adding: every acknowledged add survives, once. */
class HardKillTest {

    private static final Pattern LISTENING = Pattern.compile("listening on ldap://127\\.0\\.0\\.1:(\\d+)");
    private static final int WRITERS = 4;
    private static final int ACKED_BEFORE_KILL = 600;

    @Test
    void everyAcknowledgedAddSurvivesKill9ExactlyOnce(@TempDir Path home) throws Exception {
        Process server = startServerProcess(home);
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        try {
            int port = awaitPort(server);
            String password = EmbeddedFixture.adminPassword(home);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(CompletableFuture.runAsync(() -> addUntilTheServerDies(port, password, writer,
                        acknowledged)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < ACKED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(acknowledged.size() >= ACKED_BEFORE_KILL, "writers made progress");
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no final snapshot
            server.waitFor(30, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        Set<String> acked = new HashSet<>(acknowledged);
        try (EmbeddedDirectory d = EmbeddedFixture.start(home); LDAPConnection c = EmbeddedFixture.admin(d)) {
            List<String> found = new ArrayList<>();
            for (SearchResultEntry e : c.search(EmbeddedFixture.LAYOUT.peopleDn(), SearchScope.ONE, "(uid=kill-*)")
                    .getSearchEntries()) {
                found.add(e.getAttributeValue("uid"));
            }
            assertEquals(found.size(), new HashSet<>(found).size(), "no entry twice");
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(found);
            assertEquals(Set.of(), missing, "acknowledged adds lost by the crash");
            // In-flight adds (applied, not yet acknowledged) may or may not be there; nothing else may.
            assertTrue(found.size() <= acked.size() + WRITERS, found.size() + " found, " + acked.size() + " acked");
        }
    }

    private static void addUntilTheServerDies(int port, String password, int writer, Queue<String> acknowledged) {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", port, "cn=admin," + EmbeddedFixture.LAYOUT.baseDn(),
                password)) {
            for (int i = 0; ; i++) {
                String uid = "kill-" + writer + "-" + i;
                c.add(EmbeddedFixture.person(uid, "Cán bộ " + writer + " " + i, null));
                acknowledged.add(uid); // only after the success response
            }
        } catch (LDAPException serverGone) {
            // expected: the server was killed under us
        }
    }

    private static Process startServerProcess(Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dcongvu.config=" + ConfigFiles.dir(), EmbeddedDirectoryMain.class.getName());
        Map<String, String> env = pb.environment();
        env.remove("CONGVU_LDAP_URL");
        env.put("CONGVU_HOME", home.toString());
        env.put("CONGVU_LDAP_PORT", "0"); // the server picks a free port and logs it
        env.put("CONGVU_DOMAIN", EmbeddedFixture.LAYOUT.domain());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the child's log until it says where it listens; keeps draining it so the child never blocks. */
    private static int awaitPort(Process server) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (Exception e) {
                // the process was killed
            }
            synchronized (log) {
                port.completeExceptionally(new IllegalStateException("server exited:\n" + log));
            }
        }, "embedded-server-log");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
