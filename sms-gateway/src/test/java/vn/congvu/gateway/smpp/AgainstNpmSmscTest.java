package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.notice.NoticeAccepted;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.outbox.MessageState;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.NpmSmsc;
import vn.congvu.gateway.outbox.SqliteOutbox;

/**
 * Black box: the gateway against an SMSC in another process, written with the npm "smpp" package, whose own
 * GSM 03.38 and UCS-2 decoders read what we sent. Skipped when node or the package is missing
 * ({@code ./congvu test} installs it from src/test/node/package.json).
 */
class AgainstNpmSmscTest {

    private NpmSmsc smsc;

    @AfterEach
    void stop() {
        if (smsc != null) {
            smsc.close();
        }
    }

    private int startSmsc(String idStyle) throws Exception {
        assumeTrue(NpmSmsc.installed(), "npm smpp not installed in " + NpmSmsc.PEERS);
        smsc = new NpmSmsc(idStyle);
        return smsc.port();
    }

    private List<String> submits() {
        return smsc.submits();
    }

    @Test
    void anIndependentSmppStackReadsOurGsmAndUcs2AndItsReceiptsComeBack() throws Exception {
        int port = startSmsc("hex");
        String a = "--gateway.smpp.accounts[0].";
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0", "--congvu.home=" + GatewayTestProperties.temporaryHome(),
                "--spring.datasource.url=" + SqliteOutbox.freshUrl(),
                "--gateway.directory.enabled=false", "--gateway.simulator.mode=off", "--gateway.cluster.enabled=false",
                "--gateway.dispatch.idle-poll=50ms", "--gateway.receipts.reconcile-interval=200ms",
                a + "name=npm", a + "host=127.0.0.1", a + "port=" + port, a + "system-id=congvu", a + "password=secret",
                a + "reconnect-min=50ms", a + "default-route=true")) {
            NoticeService notices = ctx.getBean(NoticeService.class);
            NoticeAccepted gsm = notices.accept("vanphong", new NoticeRequest(
                    "Đồng chí Trưởng ban: họp khẩn 14h, phí 5€ [phòng 2]", List.of("0912345678"), null, null, null, null, true, "gsm7"));
            String long_ = "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành và UBND các huyện triển khai ngay phương án "
                    + "ứng phó bão số 3 🌀, báo cáo trước 17 giờ.";
            NoticeAccepted ucs = notices.accept("vanphong", new NoticeRequest(long_, List.of("0987654321"), null, null, null, null,
                    false, "ucs2"));
            assertEquals(2, ucs.segments());
            assertTrue(await(() -> submits().size() == 3, 10_000), "three submit_sm at the npm SMSC: " + smsc.lines());

            // the two notices go out concurrently: tell them apart by destination
            String first = submits().stream().filter(l -> l.contains("\"84912345678\"")).findFirst().orElseThrow();
            List<String> parts = submits().stream().filter(l -> l.contains("\"84987654321\"")).toList();
            assertEquals(2, parts.size());
            assertEquals("CONGVU", JsonPath.read(first, "$.source"));
            assertEquals(5, (int) JsonPath.read(first, "$.source_ton"));
            assertEquals(0, (int) JsonPath.read(first, "$.source_npi"));
            assertEquals("84912345678", JsonPath.read(first, "$.dest"));
            assertEquals(0, (int) JsonPath.read(first, "$.data_coding"));
            assertEquals("Dong chi Truong ban: hop khan 14h, phi 5€ [phong 2]", JsonPath.read(first, "$.message"));

            StringBuilder joined = new StringBuilder();
            for (String part : parts) {
                assertEquals(8, (int) JsonPath.read(part, "$.data_coding"));
                assertEquals(0x40, ((int) JsonPath.read(part, "$.esm_class")) & 0x40);
                List<String> udh = JsonPath.read(part, "$.udh");
                assertEquals(1, udh.size());
                assertTrue(udh.get(0).startsWith("0003") && udh.get(0).substring(6).startsWith("02"), udh.get(0));
                assertEquals(parts.indexOf(part) + 1, Integer.parseInt(udh.get(0).substring(8, 10), 16), "parts in order");
                joined.append((String) JsonPath.read(part, "$.message"));
            }
            assertEquals(long_, joined.toString(), "the npm decoder reassembles exactly what was written, emoji included");

            // its receipts give the ids in decimal where submit_sm_resp said hex
            StoredNotices stored = ctx.getBean(StoredNotices.class);
            assertTrue(await(() -> stored.findNotice(gsm.id()).orElseThrow().recipients().get(0).state() == MessageState.DELIVERED
                    && stored.findNotice(ucs.id()).orElseThrow().recipients().get(0).state() == MessageState.DELIVERED, 10_000));
        }
        assertTrue(await(() -> smsc.lines().stream().anyMatch(l -> l.contains("\"unbind\"")), 5000), "clean unbind on shutdown");
        String bind = smsc.lines().stream().filter(l -> l.contains("\"bind\"")).findFirst().orElseThrow();
        assertEquals("bind_transceiver", JsonPath.read(bind, "$.command"));
        assertEquals("congvu", JsonPath.read(bind, "$.system_id"));
    }
}
