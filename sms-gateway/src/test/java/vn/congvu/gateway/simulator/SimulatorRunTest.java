package vn.congvu.gateway.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditTrail;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.outbox.MessageState;

/** The default run: no CONGVU_SMSC_HOST, so the gateway brings its simulator and the whole flow works. */
class SimulatorRunTest {

    private static int freeLoopbackPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void defaultRunSendsThroughTheSimulatorAndGetsDeliveredReceipts(@TempDir Path home) throws Exception {
        int port = freeLoopbackPort();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--congvu.home=" + home,
                "--gateway.directory.enabled=false",
                "--gateway.simulator.mode=auto",
                "--gateway.cluster.enabled=false",
                "--gateway.simulator.port=" + port,
                "--gateway.simulator.receipt-delay=50ms",
                "--gateway.smpp.accounts[0].name=default", "--gateway.smpp.accounts[0].host=127.0.0.1",
                "--gateway.smpp.accounts[0].port=" + port, "--gateway.smpp.accounts[0].system-id=congvu",
                "--gateway.smpp.accounts[0].password=congvu", "--gateway.smpp.accounts[0].reconnect-min=50ms",
                "--gateway.dispatch.idle-poll=50ms")) {
            SmscSimulator simulator = ctx.getBean(SimulatorLifecycle.class).simulator();
            assertEquals(port, simulator.port());
            NoticeAccepted accepted = ctx.getBean(NoticeService.class).accept("vanphong", new NoticeRequest(
                    "Kiểm tra hệ thống SMS: họp lúc 9h", List.of("0912345678", "0868123456"), null, null, null, null, false, null));
            StoredNotices stored = ctx.getBean(StoredNotices.class);
            assertTrue(await(() -> stored.findNotice(accepted.id()).orElseThrow().recipients().stream()
                    .allMatch(r -> r.state() == MessageState.DELIVERED), 10_000), "delivered through the simulator");
            assertEquals(2, simulator.submits());
            var health = ctx.getBean("smscSimulator", org.springframework.boot.health.contributor.HealthIndicator.class).health();
            assertTrue(health.getDetails().get("warning").toString().contains("NOT delivered to phones"));
            assertTrue(home.resolve("gateway/outbox.db").toFile().isFile(), "outbox under CONGVU_HOME/gateway");
            List<AuditEvent> audit = new AuditTrail(home.resolve("audit")).search(
                    new AuditTrail.Query(null, null, "vanphong", "notice " + accepted.id(), AuditAction.NOTICE_SENT, 10));
            assertEquals(1, audit.size(), "one record in the product's audit trail");
            assertTrue(audit.get(0).after().startsWith("2 recipient(s)"), audit.toString());
            assertTrue(audit.get(0).detail().contains("Kiểm tra hệ thống SMS: họp lúc 9h"), "the text as written");
        }
    }
}
