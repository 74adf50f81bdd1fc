package vn.congvu.gateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.outbox.SqliteOutbox;
import vn.congvu.gateway.smsc.ScriptedSmsc;

/**
 * A gateway process killed with SIGKILL in the middle of a large notice, then started again on the same outbox:
 * every recipient gets the message, and only messages whose outcome the dead gateway had not written go out twice.
 * Those are more than the submit window: acknowledgements waiting for the outcome writer's next commit die with
 * the process too (OutcomeWriter trades that for one commit per batch instead of one per submit).
 */
class GatewayKillTest {

    /** The figure; the two starts of the gateway take most of the test's time, not the sending. */
    private static final int NUMBERS = 10_000;
    /** Outstanding submit_sm of the one account, as shipped in config/gateway/application.yml. */
    private static final int WINDOW = 10;

    @TempDir
    Path home;
    private ScriptedSmsc smsc;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void smsc() throws Exception {
        smsc = new ScriptedSmsc();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        smsc.close();
    }

    @Test
    void killedInTheMiddleOfALargeNoticeLosesNobodyAndResendsOnlyWhatItHadNotRecorded() throws Exception {
        long t0 = System.nanoTime();
        Process first = gateway(NUMBERS);
        long t1 = System.nanoTime();
        assertTrue(await(() -> smsc.receivedCount() >= NUMBERS / 3 || !first.isAlive(), 45_000),
                "the first gateway sends: " + smsc.receivedCount());
        assertTrue(first.isAlive(), "killed by the test, not before");
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, first.exitValue(), "SIGKILL");
        int beforeRestart = smsc.receivedCount();
        assertTrue(beforeRestart < NUMBERS, "killed before the end: " + beforeRestart);
        JdbcTemplate outbox = new JdbcTemplate(new DriverManagerDataSource(SqliteOutbox.configuredUrl(home)));
        assertEquals(NUMBERS, outbox.queryForObject("SELECT COUNT(*) FROM message", Integer.class));
        // claimed by the dead gateway without a written outcome: the only messages a restart may send twice
        Set<String> unrecorded = new HashSet<>(outbox.queryForList(
                "SELECT recipient FROM message WHERE state = 'SENDING'", String.class));
        int duplicatesBeforeKill = beforeRestart - perNumber(smsc.received()).size();

        long t2 = System.nanoTime();
        gateway(0);
        long t3 = System.nanoTime();
        // every message acknowledged: nothing is claimed or sent any more, so the SMSC's count is final
        assertTrue(await(() -> unfinished(outbox) == 0, 45_000), "still unfinished: " + unfinished(outbox));

        Map<String, Integer> perNumber = perNumber(smsc.received());
        List<String> twice = perNumber.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        int duplicates = smsc.receivedCount() - perNumber.size();
        System.out.printf("kill -9 after %d of %d submits (%d claimed without a written outcome): 0 lost, %d duplicated"
                        + " (%d before the kill); start %d ms, send until the kill %d ms, restart %d ms, rest %d ms%n",
                beforeRestart, NUMBERS, unrecorded.size(), duplicates, duplicatesBeforeKill, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        assertEquals(NUMBERS, perNumber.size(), "every recipient got the message (lost: " + (NUMBERS - perNumber.size()) + ")");
        List<String> recordedYetResent = twice.stream().filter(n -> !unrecorded.contains(n)).toList();
        assertEquals(List.of(), recordedYetResent, "sent again although the outbox had its acknowledgement");
        assertTrue(duplicates <= unrecorded.size(), duplicates + " duplicates, " + unrecorded.size() + " unrecorded");
    }

    private static Map<String, Integer> perNumber(List<ScriptedSmsc.Received> received) {
        Map<String, Integer> perNumber = new HashMap<>();
        received.forEach(r -> perNumber.merge(r.pdu().getDestAddress().getAddress(), 1, Integer::sum));
        return perNumber;
    }

    private static int unfinished(JdbcTemplate outbox) {
        try {
            Integer n = outbox.queryForObject("SELECT COUNT(*) FROM message WHERE state IN ('PENDING', 'SENDING')",
                    Integer.class);
            return n == null ? -1 : n;
        } catch (RuntimeException e) {
            return -1; // the gateway has not created the outbox yet
        }
    }

    /** Starts a gateway process on this outbox and SMSC; returns once it has stored the notice, if it has one. */
    private Process gateway(int numbers) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // C1 only: the gateway starts several times faster here and still sends thousands a second
                "-XX:TieredStopAtLevel=1",
                // the shipped configuration, as the surefire JVM reads it
                "-Dcongvu.config-dir=" + System.getProperty("congvu.config-dir"), "-cp", System.getProperty("java.class.path"), Gateway.class.getName(),
                home.toString(), Integer.toString(smsc.port()), Integer.toString(numbers))
                .redirectErrorStream(true).start();
        started.add(p);
        CompletableFuture<String> ready = new CompletableFuture<>();
        StringBuilder tail = new StringBuilder();
        Thread drain = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(Gateway.READY)) {
                        ready.complete(line);
                    } else if (tail.length() < 20_000) {
                        tail.append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the process was killed
            }
            ready.complete("exited: " + tail);
        }, "gateway-output");
        drain.setDaemon(true);
        drain.start();
        String line = ready.get(60, TimeUnit.SECONDS);
        assertTrue(line.startsWith(Gateway.READY), line);
        return p;
    }

    /** The gateway as it runs in production, plus the notice the API would have stored (when asked for one). */
    public static final class Gateway {
        static final String READY = "gateway ready";

        public static void main(String[] args) {
            Path home = Path.of(args[0]);
            int numbers = Integer.parseInt(args[2]);
            String a = "--gateway.smpp.accounts[0].";
            var ctx = new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0",
                    "--congvu.home=" + home,
                    "--gateway.directory.enabled=false",
                    "--gateway.simulator.mode=off",
                    "--gateway.cluster.enabled=false",
                    a + "name=test", a + "host=127.0.0.1", a + "port=" + args[1], a + "system-id=congvu", a + "password=pw",
                    a + "window=" + WINDOW, a + "tps=0", a + "response-timeout=2s", a + "reconnect-min=50ms",
                    a + "reconnect-max=200ms", a + "default-route=true");
            if (numbers > 0) {
                List<String> list = new ArrayList<>(numbers);
                for (int i = 0; i < numbers; i++) {
                    list.add(String.format("0912%06d", i));
                }
                NoticeAccepted accepted = ctx.getBean(NoticeService.class).accept("vanphong",
                        new NoticeRequest("Khan: hop Ban Chi dao phong chong lut bao luc 14h", list, null, null, null, null,
                                false, "gsm7"));
                System.out.println(READY + " notice " + accepted.id());
            } else {
                System.out.println(READY);
            }
            System.out.flush();
        }
    }
}
