package vn.congvu.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.dispatch.DispatchQueue;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.outbox.SqliteOutbox;

/** Two gateways, one outbox, one SMSC account: work split, TPS shared, each message sent once. */
class TwoGatewaysTest {

    private ScriptedSmsc smsc;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> nodeArgs(int smscPort, String databaseUrl, int clusterPort, int otherPort, int tps) {
        return nodeArgs(smscPort, databaseUrl, clusterPort, otherPort, tps, "congvu");
    }

    static List<String> nodeArgs(int smscPort, String databaseUrl, int clusterPort, int otherPort, int tps, String systemId) {
        String a = "--gateway.smpp.accounts[0].";
        return List.of("--server.port=0", "--spring.datasource.url=" + databaseUrl,
                "--congvu.home=" + vn.congvu.gateway.smsc.GatewayTestProperties.temporaryHome(),
                "--gateway.directory.enabled=false", "--gateway.simulator.mode=off", "--gateway.dispatch.idle-poll=50ms",
                "--gateway.cluster.enabled=true", "--gateway.cluster.name=twogw-" + smscPort,
                "--gateway.cluster.port=" + clusterPort, "--gateway.cluster.members=127.0.0.1:" + otherPort,
                "--logging.level.com.cloudhopper=WARN", "--logging.level.com.hazelcast=WARN",
                a + "name=shared", a + "host=127.0.0.1", a + "port=" + smscPort, a + "system-id=" + systemId, a + "password=pw",
                a + "window=10", a + "tps=" + tps, a + "response-timeout=2s", a + "reconnect-min=50ms", a + "reconnect-max=300ms",
                a + "default-route=true");
    }

    @BeforeEach
    void smsc() throws Exception {
        smsc = new ScriptedSmsc();
    }

    @AfterEach
    void stop() {
        nodes.forEach(ConfigurableApplicationContext::close);
        smsc.close();
    }

    @Test
    void twoGatewaysSplitTheWorkSendEachMessageOnceAndShareTheTpsLimit() throws Exception {
        int p1 = freeLoopbackPort();
        int p2 = freeLoopbackPort();
        String db = SqliteOutbox.freshUrl();
        nodes.add(new SpringApplicationBuilder(GatewayApplication.class).run(nodeArgs(smsc.port(), db, p1, p2, 100).toArray(String[]::new)));
        nodes.add(new SpringApplicationBuilder(GatewayApplication.class).run(nodeArgs(smsc.port(), db, p2, p1, 100).toArray(String[]::new)));
        assertTrue(await(() -> nodes.stream().allMatch(n -> n.getBean(ClusterView.class).size() == 2), 20_000), "cluster of two");
        assertTrue(await(() -> smsc.boundSessions() == 2, 5000), "both bound to the one account");

        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            numbers.add(String.format("0912%06d", i));
        }
        NoticeAccepted accepted = nodes.get(0).getBean(NoticeService.class).accept("vanphong",
                new NoticeRequest("Hop khan toan tinh", numbers, null, null, null, null, true, null));
        assertEquals(200, accepted.recipients());
        assertTrue(await(() -> smsc.receivedCount() >= 200, 15_000));
        // every message of the shared outbox acknowledged: neither gateway has anything left to send
        DispatchQueue queue = nodes.get(0).getBean(DispatchQueue.class);
        assertTrue(await(() -> queue.queueDepth() == 0, 5000), "outbox drained");
        List<ScriptedSmsc.Received> got = smsc.received();
        assertEquals(200, got.size(), "each message sent once");
        Set<String> destinations = new HashSet<>();
        got.forEach(r -> destinations.add(r.pdu().getDestAddress().getAddress()));
        assertEquals(200, destinations.size());

        JdbcTemplate db0 = nodes.get(0).getBean(JdbcTemplate.class);
        assertEquals(2, db0.queryForObject("SELECT COUNT(DISTINCT claimed_by) FROM message WHERE notice_id = ?", Integer.class, accepted.id()),
                "both gateways sent part of the notice");

        // the pair holds 100 submit_sm/s within 5% over the run; any single second, as the SMSC sees it
        // (arrival jitter included), stays within 10%
        long[] at = got.stream().mapToLong(ScriptedSmsc.Received::atNanos).sorted().toArray();
        double rate = (at.length - 1) / ((at[at.length - 1] - at[0]) / 1e9);
        assertTrue(rate <= 105, "average rate " + rate);
        int worst = 0;
        for (int i = 0, j = 0; i < at.length; i++) {
            while (at[i] - at[j] >= 1_000_000_000L) {
                j++;
            }
            worst = Math.max(worst, i - j + 1);
        }
        assertTrue(worst <= 110, "most submits in one second: " + worst);
        assertTrue((at[at.length - 1] - at[0]) / 1_000_000 >= 1800, "200 at 100/s take about 2 s");
    }

    @Test
    void whenAGatewayDiesItsMessagesInFlightAreSentByTheOther() throws Exception {
        int pa = freeLoopbackPort();
        int pb = freeLoopbackPort();
        String db = SqliteOutbox.freshUrl();
        smsc.respondAfter(400);
        ConfigurableApplicationContext a = new SpringApplicationBuilder(GatewayApplication.class)
                .run(nodeArgs(smsc.port(), db, pa, pb, 0, "node-a").toArray(String[]::new));
        nodes.add(a);
        ConfigurableApplicationContext b = new SpringApplicationBuilder(GatewayApplication.class)
                .run(nodeArgs(smsc.port(), db, pb, pa, 0, "node-b").toArray(String[]::new));
        nodes.add(b);
        assertTrue(await(() -> nodes.stream().allMatch(n -> n.getBean(ClusterView.class).size() == 2), 20_000), "cluster of two");
        assertTrue(await(() -> smsc.boundSessions() == 2, 5000));
        String nodeA = a.getBean(ClusterView.class).nodeId();

        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            numbers.add(String.format("0983%06d", i));
        }
        long notice = b.getBean(NoticeService.class).accept("vanphong",
                new NoticeRequest("Thong bao khan", numbers, null, null, null, null, false, null)).id();
        JdbcTemplate jdbc = b.getBean(JdbcTemplate.class);
        // wait until gateway A has submits outstanding at the SMSC, then kill it: no more database, no cluster, no link
        assertTrue(await(() -> smsc.received().stream().anyMatch(r -> r.systemId().equals("node-a"))
                && jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state = 'SENDING' AND claimed_by = ?", Integer.class, nodeA) > 0, 10_000));
        a.getBean(com.zaxxer.hikari.HikariDataSource.class).close();
        com.hazelcast.core.Hazelcast.getHazelcastInstanceByName("congvu-gateway-" + pa).getLifecycleService().terminate();
        a.getBean(vn.congvu.gateway.smpp.SmscRouter.class).sessions().forEach(vn.congvu.gateway.smpp.SmscSession::close);
        smsc.dropConnections("node-a");
        int orphans = jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state = 'SENDING' AND claimed_by = ?", Integer.class, nodeA);
        assertTrue(orphans > 0);

        assertTrue(await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE notice_id = ? AND state = 'SUBMITTED'",
                Integer.class, notice) == 60, 20_000), "every message submitted after the failover");
        assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state = 'SENDING' AND claimed_by = ?", Integer.class, nodeA));
        List<ScriptedSmsc.Received> got = smsc.received();
        Set<String> destinations = new HashSet<>();
        got.forEach(r -> destinations.add(r.pdu().getDestAddress().getAddress()));
        assertEquals(60, destinations.size(), "everyone got it");
        // only what A had outstanding (its window of 10) or acknowledged but not yet written when it died can
        // reach the SMSC twice; what A had recorded is never resent
        int duplicates = got.size() - destinations.size();
        assertTrue(duplicates <= 20, "resent after the failover: " + duplicates);
        List<String> recordedByA = jdbc.queryForList("SELECT recipient FROM message WHERE notice_id = ? AND claimed_by = ?",
                String.class, notice, nodeA);
        for (String number : recordedByA) {
            assertEquals(1, got.stream().filter(r -> r.pdu().getDestAddress().getAddress().equals(number)).count(), number);
        }
    }
}
