package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.cloudhopper.smpp.SmppConstants;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.dispatch.DispatchQueue;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.smpp.SmscRouter;
import vn.congvu.gateway.smpp.SmscSession;
import vn.congvu.gateway.smsc.ScriptedSmsc;

/** The outbox on its SQLite file, across gateway restarts: nothing accepted is lost, nothing acknowledged is resent. */
class OutboxRestartTest {

    @TempDir
    Path home;
    private ScriptedSmsc smsc;

    @BeforeEach
    void smsc() throws Exception {
        smsc = new ScriptedSmsc();
    }

    @AfterEach
    void stop() {
        smsc.close();
    }

    private ConfigurableApplicationContext startGateway() {
        String a = "--gateway.smpp.accounts[0].";
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--congvu.home=" + home,
                "--gateway.directory.enabled=false",
                "--gateway.simulator.mode=off",
                "--gateway.cluster.enabled=false",
                "--gateway.dispatch.idle-poll=50ms",
                a + "name=test", a + "host=127.0.0.1", a + "port=" + smsc.port(), a + "system-id=congvu", a + "password=pw",
                a + "window=4", a + "tps=0", a + "response-timeout=500ms", a + "reconnect-min=50ms", a + "reconnect-max=200ms",
                a + "bind-refused-min=100ms", a + "throttle-min=20ms", a + "throttle-max=200ms", a + "default-route=true");
    }

    private static MessageState state(ConfigurableApplicationContext ctx, long noticeId) {
        return ctx.getBean(StoredNotices.class).findNotice(noticeId).orElseThrow().recipients().get(0).state();
    }

    @Test
    void noticeAcceptedWhileTheSmscIsDownIsSentAfterARestart() throws Exception {
        smsc.refuseNextBinds(10_000, SmppConstants.STATUS_BINDFAIL);
        long id;
        try (ConfigurableApplicationContext first = startGateway()) {
            NoticeAccepted accepted = first.getBean(NoticeService.class).accept("vanphong",
                    new NoticeRequest("Hỏa tốc: họp Ban Thường vụ lúc 8h", List.of("0912345678"), null, null, null, null, true, null));
            id = accepted.id();
            // the gateway has tried to bind and been refused, so no session can submit: the dispatcher claims
            // nothing while none can, and the message must still be waiting
            SmscRouter router = first.getBean(SmscRouter.class);
            assertTrue(await(() -> !smsc.bindRequests().isEmpty() && router.sessions().stream().noneMatch(SmscSession::canSubmit),
                    5000), "bind tried and refused");
            assertEquals(MessageState.PENDING, state(first, id));
        }
        assertEquals(0, smsc.received().size());

        smsc.refuseNextBinds(0, 0);
        try (ConfigurableApplicationContext second = startGateway()) {
            assertTrue(await(() -> smsc.received().size() == 1, 5000), "sent after the restart");
            assertTrue(await(() -> state(second, id) == MessageState.SUBMITTED, 3000));
            assertEquals("Hoa toc: hop Ban Thuong vu luc 8h",
                    new String(smsc.received().get(0).shortMessage(), java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(await(() -> second.getBean(DispatchQueue.class).queueDepth() == 0, 3000), "nothing left to send");
            assertEquals(1, smsc.received().size(), "sent once");
        }
    }

    @Test
    void acknowledgedPartsAreNeverSentAgainAfterALostConnectionAndARestart() throws Exception {
        String text = "Đề nghị các đồng chí Bí thư, Chủ tịch UBND các huyện báo cáo tình hình mưa lũ trước 16 giờ hôm nay.";
        long id;
        try (ConfigurableApplicationContext first = startGateway()) {
            assertTrue(await(() -> smsc.boundSessions() == 1, 5000));
            // part 1 is acknowledged; the link dies while part 2 is outstanding, and the SMSC then keeps refusing binds
            smsc.dropAfterNextSubmits(2);
            smsc.refuseNextBinds(10_000, SmppConstants.STATUS_ALYBND);
            NoticeAccepted accepted = first.getBean(NoticeService.class).accept("vanphong",
                    new NoticeRequest(text, List.of("0987654321"), null, null, null, null, false, "ucs2"));
            assertEquals(2, accepted.segments());
            id = accepted.id();
            assertTrue(await(() -> smsc.received().size() == 2, 5000));
            long messageId = first.getBean(StoredNotices.class).messageIds(id).get(0);
            assertTrue(await(() -> first.getBean(StoredNotices.class).smscIds(messageId).size() == 1, 3000), "part 1 recorded");
            assertTrue(await(() -> state(first, id) == MessageState.PENDING, 3000));
        }

        smsc.refuseNextBinds(0, 0);
        try (ConfigurableApplicationContext second = startGateway()) {
            assertTrue(await(() -> state(second, id) == MessageState.SUBMITTED, 5000));
            List<ScriptedSmsc.Received> got = smsc.received();
            assertEquals(3, got.size());
            assertEquals(1, got.get(0).shortMessage()[5], "first submit: part 1");
            assertEquals(2, got.get(1).shortMessage()[5], "second submit: part 2, unanswered");
            assertEquals(2, got.get(2).shortMessage()[5], "after the restart: part 2 only");
            assertEquals(got.get(0).shortMessage()[3], got.get(2).shortMessage()[3], "same concatenation reference");
            long messageId = second.getBean(StoredNotices.class).messageIds(id).get(0);
            assertEquals(List.of(got.get(0).messageId(), got.get(2).messageId()),
                    second.getBean(StoredNotices.class).smscIds(messageId));
        }
    }
}
