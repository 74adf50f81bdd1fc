package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.dispatch.DispatchQueue;
import vn.congvu.gateway.intake.AlertAccepted;
import vn.congvu.gateway.intake.AlertIntake;
import vn.congvu.gateway.intake.AlertRequest;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;

/**
 * The production database: the same migrations and queries on a throw-away PostgreSQL (Debian's postgresql
 * package; skipped when it is not installed).
 */
class OutboxOnPostgresTest {

    private static Path dataDir;
    private static Path pgBin;
    private static int port;
    private static boolean asPostgresUser;

    @BeforeAll
    static void startPostgres() throws Exception {
        Path lib = Path.of("/usr/lib/postgresql");
        assumeTrue(Files.isDirectory(lib), "PostgreSQL server not installed (apt-get install postgresql)");
        try (Stream<Path> versions = Files.list(lib)) {
            pgBin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElse(null);
        }
        assumeTrue(pgBin != null, "no initdb under /usr/lib/postgresql");
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        dataDir = Files.createTempDirectory("congvu-pg");
        if (asPostgresUser) {
            run("chown", "postgres", dataDir.toString());
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        pg(pgBin.resolve("initdb").toString(), "-D", dataDir.resolve("db").toString(), "-A", "trust", "-U", "congvu",
                "-E", "UTF8", "--locale=C");
        pg(pgBin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("db").toString(), "-w", "-l", dataDir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (dataDir != null && pgBin != null) {
            pg(pgBin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("db").toString(), "-m", "immediate", "stop");
            run("rm", "-rf", dataDir.toString());
        }
    }

    private static void pg(String... command) throws Exception {
        List<String> c = new ArrayList<>();
        if (asPostgresUser) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Test
    void migrationsNoticesReceiptsAlertsAndRestartOnPostgres() throws Exception {
        try (ScriptedSmsc smsc = new ScriptedSmsc()) {
            smsc.idStyle(ScriptedSmsc.IdStyle.HEX);
            String a = "--gateway.smpp.accounts[0].";
            String[] args = {"--server.port=0", "--congvu.home=" + GatewayTestProperties.temporaryHome(),
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    "--spring.datasource.username=congvu", "--spring.datasource.password=",
                    "--gateway.directory.enabled=false", "--gateway.simulator.mode=off", "--gateway.cluster.enabled=false",
                    "--gateway.dispatch.idle-poll=50ms", "--gateway.receipts.reconcile-interval=200ms",
                    a + "name=pg", a + "host=127.0.0.1", a + "port=" + smsc.port(), a + "system-id=congvu", a + "password=pw",
                    a + "reconnect-min=50ms", a + "default-route=true"};
            long noticeId;
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args)) {
                assertTrue(await(() -> smsc.boundSessions() == 1, 5000));
                NoticeAccepted accepted = ctx.getBean(NoticeService.class).accept("vanphong", new NoticeRequest(
                        "Thường trực Tỉnh ủy đề nghị các đồng chí Bí thư huyện ủy có mặt tại Hội trường lớn lúc 7 giờ 30 sáng mai.",
                        List.of("0912345678", "0987654321"), null, null, null, null, true, "ucs2"));
                noticeId = accepted.id();
                assertEquals(2, accepted.segments());
                assertTrue(await(() -> smsc.receivedCount() == 4, 5000));
                StoredNotices stored = ctx.getBean(StoredNotices.class);
                assertTrue(await(() -> stored.findNotice(noticeId).orElseThrow().recipients().stream()
                        .allMatch(r -> r.state() == MessageState.SUBMITTED), 5000));
                // receipts with the SMSC's hex ids written in decimal
                for (ScriptedSmsc.Received r : smsc.received()) {
                    smsc.sendReceipt(new java.math.BigInteger(r.messageId(), 16).toString(), "DELIVRD", "000", false);
                }
                assertTrue(await(() -> stored.findNotice(noticeId).orElseThrow().recipients().stream()
                        .allMatch(r -> r.state() == MessageState.DELIVERED), 5000));

                AlertIntake intake = ctx.getBean(AlertIntake.class);
                AlertRequest alert = new AlertRequest("<cd-1@example.gov.vn>", "vp@example.gov.vn", "[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão", "VB chi dao HOA TOC", true, null,
                        List.of(new AlertRequest.AlertRecipient("an", "0912000001")));
                assertEquals(1, intake.accept(alert).accepted());
                AlertAccepted again = intake.accept(alert);
                assertEquals(0, again.accepted());
                assertEquals(1, again.duplicates());
                assertTrue(await(() -> smsc.receivedCount() == 5, 5000));
            }
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args)) {
                assertEquals(MessageState.DELIVERED,
                        ctx.getBean(StoredNotices.class).findNotice(noticeId).orElseThrow().recipients().get(0).state());
                // a notice accepted after the restart goes out, and then the outbox has nothing left to send:
                // whatever the restart could have sent again has been sent by then
                ctx.getBean(NoticeService.class).accept("vanphong", new NoticeRequest("Da nhan", List.of("0912000099"),
                        null, null, null, null, false, "gsm7"));
                DispatchQueue queue = ctx.getBean(DispatchQueue.class);
                assertTrue(await(() -> smsc.receivedCount() >= 6 && queue.queueDepth() == 0, 5000), "the later notice sent");
                assertEquals(5, smsc.received().stream().filter(r -> !r.pdu().getDestAddress().getAddress().equals("84912000099"))
                        .count(), "nothing sent again after the restart");
            }
        }
    }
}
