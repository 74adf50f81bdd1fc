package vn.congvu.gateway.notice;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.congvu.gateway.receipt.NoReceiptSweeper;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.smsc.TestSenders;
import vn.congvu.gateway.outbox.SqliteOutbox;

/** The whole path: API → outbox → jsmpp → an SMSC we did not write → receipts → API. */
@SpringBootTest
@Import(TestSenders.Logins.class)
@AutoConfigureMockMvc
// Closed after the class: an open context keeps the audit log and SMSC binds of this gateway alive.
@DirtiesContext
class NoticeFlowTest {

    static final ScriptedSmsc smsc = ScriptedSmsc.startUnchecked();
    static final String INTAKE_TOKEN = "9f1c2e-intake-test";

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestProperties.account(registry, smsc, SqliteOutbox.freshUrl());
        registry.add("gateway.intake.token", () -> INTAKE_TOKEN);
    }

    @AfterAll
    static void stopSmsc() {
        smsc.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    NoReceiptSweeper sweeper;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private int receivedBefore;

    @BeforeEach
    void bound() throws Exception {
        assertTrue(await(() -> smsc.boundSessions() == 1, 5000), "gateway bound to the SMSC");
        smsc.idStyle(ScriptedSmsc.IdStyle.DECIMAL);
        receivedBefore = smsc.received().size();
    }

    private String send(String json) throws Exception {
        return mvc.perform(post("/api/v1/notices").with(httpBasic(TestSenders.SENDER + "@example.gov.vn", TestSenders.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<ScriptedSmsc.Received> newSubmits() {
        List<ScriptedSmsc.Received> all = smsc.received();
        return all.subList(receivedBefore, all.size());
    }

    private String statusOf(long id, int recipient) throws Exception {
        String body = mvc.perform(get("/api/v1/notices/" + id).with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.recipients[" + recipient + "].status");
    }

    private boolean statusBecomes(long id, int recipient, String expected) throws Exception {
        long end = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < end) {
            if (expected.equals(statusOf(id, recipient))) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    @Test
    void noticeIsSentUnaccentedAndReceiptsInEitherBaseMarkItDelivered() throws Exception {
        String body = send("""
                {"text": "Đồng chí dự họp khẩn lúc 14h tại Tỉnh ủy", "numbers": ["0912 345 678", "+84 98.765.4321"], "urgent": true}
                """);
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        assertEquals(2, (int) JsonPath.read(body, "$.recipients"));
        assertEquals(1, (int) JsonPath.read(body, "$.segments"));
        assertEquals("GSM7", JsonPath.read(body, "$.encoding"));

        assertTrue(await(() -> newSubmits().size() == 2, 5000));
        List<ScriptedSmsc.Received> got = newSubmits();
        assertEquals(List.of("84912345678", "84987654321"), got.stream().map(r -> r.pdu().getDestAddress().getAddress()).sorted().toList());
        for (ScriptedSmsc.Received r : got) {
            assertArrayEquals("Dong chi du hop khan luc 14h tai Tinh uy".getBytes(StandardCharsets.US_ASCII), r.shortMessage());
            assertEquals("CONGVU", r.pdu().getSourceAddress().getAddress());
        }
        assertTrue(statusBecomes(id, 0, "SUBMITTED"));
        assertTrue(statusBecomes(id, 1, "SUBMITTED"));

        ScriptedSmsc.Received first = got.stream().filter(r -> r.pdu().getDestAddress().getAddress().equals("84912345678")).findFirst().orElseThrow();
        ScriptedSmsc.Received second = got.stream().filter(r -> r.pdu().getDestAddress().getAddress().equals("84987654321")).findFirst().orElseThrow();
        // the SMSC answered in decimal; its receipt writes the first id in hex, the second in decimal via the TLV
        smsc.sendReceipt(Long.toHexString(Long.parseLong(first.messageId())), "DELIVRD", "000", false);
        smsc.sendReceipt(second.messageId(), "UNDELIV", "012", true);
        assertTrue(statusBecomes(id, 0, "DELIVERED"), "hex receipt id matched the decimal submit_sm_resp id");
        assertTrue(statusBecomes(id, 1, "UNDELIVERABLE"));
        mvc.perform(get("/api/v1/notices/" + id).with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD)))
                .andExpect(jsonPath("$.recipients[1].detail").value("receipt UNDELIV err:012"))
                .andExpect(jsonPath("$.summary.DELIVERED").value(1))
                .andExpect(jsonPath("$.sender").value(TestSenders.SENDER));
    }

    @Test
    void hexSubmitIdsMatchDecimalReceiptsAndEarlyReceiptsWait() throws Exception {
        smsc.idStyle(ScriptedSmsc.IdStyle.HEX);
        long id = ((Number) JsonPath.read(send("{\"text\": \"Hop giao ban\", \"numbers\": [\"0339123456\"]}"), "$.id")).longValue();
        assertTrue(await(() -> newSubmits().size() == 1, 5000));
        String hexId = newSubmits().get(0).messageId();
        smsc.sendReceipt(new java.math.BigInteger(hexId, 16).toString(), "DELIVRD", "000", false);
        assertTrue(statusBecomes(id, 0, "DELIVERED"));
    }

    @Test
    void aReceiptThatOvertakesItsSubmitResponseIsKeptAndMatched() throws Exception {
        smsc.respondAfter(300);
        try {
            long id = ((Number) JsonPath.read(send("{\"text\": \"Bao cao nhanh\", \"numbers\": [\"0945123456\"]}"), "$.id")).longValue();
            assertTrue(await(() -> newSubmits().size() == 1, 5000));
            // the SMSC has given the id but its submit_sm_resp is still 300 ms away; the receipt comes first
            smsc.sendReceipt(newSubmits().get(0).messageId(), "DELIVRD", "000", true);
            assertTrue(statusBecomes(id, 0, "DELIVERED"));
        } finally {
            smsc.respondAfter(0);
        }
    }

    @Test
    void longUcs2NoticeGoesInConcatenatedPartsAndOneReceiptIsEnough() throws Exception {
        String text = "Thường trực Tỉnh ủy đề nghị các đồng chí Bí thư huyện ủy có mặt tại Hội trường lớn lúc 7 giờ 30 sáng mai.";
        String body = send("{\"text\": \"" + text + "\", \"numbers\": [\"0901234567\"], \"encoding\": \"ucs2\"}");
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        assertEquals(2, (int) JsonPath.read(body, "$.segments"));
        assertTrue(await(() -> newSubmits().size() == 2, 5000));
        List<ScriptedSmsc.Received> parts = newSubmits();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            byte[] sm = parts.get(i).shortMessage();
            assertEquals(0x08, parts.get(i).pdu().getDataCoding());
            assertEquals(i + 1, sm[5]);
            joined.append(new String(sm, 6, sm.length - 6, StandardCharsets.UTF_16BE));
        }
        assertEquals(text, joined.toString());
        // only the last part's receipt arrives, as on many routes
        smsc.sendReceipt(parts.get(1).messageId(), "DELIVRD", "000", true);
        assertTrue(statusBecomes(id, 0, "DELIVERED"));
    }

    @Test
    void permanentSmscErrorFailsTheRecipientWithTheSmscReason() throws Exception {
        smsc.answerNext(0x0B);
        long id = ((Number) JsonPath.read(send("{\"text\": \"Thong bao\", \"numbers\": [\"0861234567\"]}"), "$.id")).longValue();
        assertTrue(statusBecomes(id, 0, "FAILED"));
        mvc.perform(get("/api/v1/notices/" + id).with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD)))
                .andExpect(jsonPath("$.recipients[0].detail", containsString("ESME_RINVDSTADR")));
    }

    @Test
    void throttledMessagesKeepTheirOrderPerRecipient() throws Exception {
        // the first message is throttled more often than the session retries in place: it goes back to the
        // outbox, and the two later messages to the same number must wait for it
        smsc.answerNext(0x58, 0x14, 0x58, 0x58, 0x58);
        for (int i = 1; i <= 3; i++) {
            send("{\"text\": \"Thong bao so " + i + "\", \"numbers\": [\"0977000111\"]}");
        }
        assertTrue(await(() -> newSubmits().stream().filter(r -> r.status() == 0).count() == 3, 8000));
        List<String> accepted = newSubmits().stream().filter(r -> r.status() == 0)
                .map(r -> new String(r.shortMessage(), StandardCharsets.US_ASCII)).toList();
        assertEquals(List.of("Thong bao so 1", "Thong bao so 2", "Thong bao so 3"), accepted);
        assertTrue(newSubmits().size() >= 8, "five refusals then three accepted");
    }

    @Test
    void acceptedWithoutReceiptBecomesSentNoReceiptAfterValidity() throws Exception {
        long id = ((Number) JsonPath.read(send("{\"text\": \"Khong co bao cao\", \"numbers\": [\"0591234567\"]}"), "$.id")).longValue();
        assertTrue(statusBecomes(id, 0, "SUBMITTED"));
        // what the sweeper does once the validity period is over
        assertTrue(sweeper.markSentWithoutReceipt(System.currentTimeMillis() + 1) >= 1);
        assertEquals("SENT_NO_RECEIPT", statusOf(id, 0));
    }

    @Test
    void badInputGets400WithAPreciseMessage() throws Exception {
        expect400("{\"text\": \"Hop\", \"numbers\": [\"0123 456\"]}", "invalid number");
        expect400("{\"text\": \"   \", \"numbers\": [\"0912345678\"]}", "text is empty");
        expect400("{\"text\": \"" + "a".repeat(153 * 6 + 1) + "\", \"numbers\": [\"0912345678\"]}", "more than the limit of 6");
        expect400("{\"text\": \"Hop\"}", "no recipients");
        expect400("{\"text\": \"Hop\", \"numbers\": [\"0912345678\"], \"encoding\": \"latin1\"}", "unknown encoding");
        expect400("{\"text\": \"Chúc mừng năm mới 🎉\", \"numbers\": [\"0912345678\"]}", "GSM-7 cannot carry 🎉");
        expect400("{\"text\": \"Hop\", \"groups\": [\"ban-thuong-vu\"]}", "directory");
        expect400("{not json", "JSON");
    }

    private void expect400(String json, String fragment) throws Exception {
        mvc.perform(post("/api/v1/notices").with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString(fragment)));
    }

    @Test
    void onlyNoticeSendersMaySend() throws Exception {
        String json = "{\"text\": \"Hop\", \"numbers\": [\"0912345678\"]}";
        mvc.perform(post("/api/v1/notices").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
        mvc.perform(post("/api/v1/notices").with(httpBasic(TestSenders.SENDER, "wrong")).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/notices").with(httpBasic(TestSenders.OFFICIAL, TestSenders.PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/notices/1").with(httpBasic(TestSenders.OFFICIAL, TestSenders.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/notices/999999").with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void healthShowsTheSmscBind() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.smsc.status").value("UP"))
                .andExpect(jsonPath("$.components.smsc.details.test", containsString("BIND_TRX bound")));
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("congvu_smsc_bound{smsc=\"test\"} 1.0")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("congvu_sms_queue_depth")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(containsString("congvu_sms_receipts_total{state=\"DELIVRD\"}")));
    }

    private org.springframework.test.web.servlet.ResultActions alert(String token, String json) throws Exception {
        var request = post("/internal/v1/alerts").contentType(MediaType.APPLICATION_JSON).content(json);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return mvc.perform(request);
    }

    @Test
    void directiveAlertsFromMailServerAreSentOncePerMessageIdAndNumber() throws Exception {
        String json = """
                {"messageId": "<chi-dao-17@example.gov.vn>", "from": "vanphong@example.gov.vn", "urgent": true,
                 "text": "VB chi dao HOA TOC tu Van phong Tinh uy: (Phong chong bao so 3). Xem thu cong vu.",
                 "recipients": [{"target": "an", "mobile": "84912000001"}, {"target": "binh", "mobile": "0983 000 002"},
                                {"target": "chi", "mobile": null}, {"target": "an@example.gov.vn", "mobile": "84912000001"}]}
                """;
        alert(null, json).andExpect(status().isUnauthorized());
        alert("wrong", json).andExpect(status().isUnauthorized());
        mvc.perform(post("/internal/v1/alerts").with(httpBasic(TestSenders.SENDER, TestSenders.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(json)).andExpect(status().isUnauthorized());
        assertEquals(0, newSubmits().size());

        alert(INTAKE_TOKEN, json).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.duplicates").value(0))
                .andExpect(jsonPath("$.withoutNumber[0]", containsString("chi")));
        assertTrue(await(() -> newSubmits().size() == 2, 5000));
        assertArrayEquals("VB chi dao HOA TOC tu Van phong Tinh uy: (Phong chong bao so 3). Xem thu cong vu."
                .getBytes(StandardCharsets.US_ASCII), newSubmits().get(0).shortMessage());

        // mail-server retries after a timeout: nothing is sent twice
        alert(INTAKE_TOKEN, json).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(0))
                .andExpect(jsonPath("$.duplicates").value(2));
        // a recipient added later (say, a group grew) still gets it
        alert(INTAKE_TOKEN, json.replace("{\"target\": \"chi\", \"mobile\": null}", "{\"target\": \"dung\", \"mobile\": \"0356000004\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.duplicates").value(2));
        assertTrue(await(() -> newSubmits().size() == 3, 5000));
        // every message of this mail's alerts acknowledged: nothing of them is left to send
        assertTrue(await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE state IN ('PENDING', 'SENDING')"
                + " AND notice_id IN (SELECT notice_id FROM alert_delivery WHERE message_id = ?)", Integer.class,
                "<chi-dao-17@example.gov.vn>") == 0, 5000), "alerts finished");
        assertEquals(List.of("84356000004", "84912000001", "84983000002"),
                newSubmits().stream().map(r -> r.pdu().getDestAddress().getAddress()).sorted().toList());
        // a subject GSM-7 cannot carry is still sent (in UCS-2) rather than bounced back to mail-server forever
        alert(INTAKE_TOKEN, "{\"messageId\": \"<emoji@example.gov.vn>\", \"text\": \"VB chi dao: Tết 🎆\","
                + " \"recipients\": [{\"target\": \"an\", \"mobile\": \"0912000001\"}]}")
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.accepted").value(1));
        assertTrue(await(() -> newSubmits().size() == 4, 5000));
        assertEquals(0x08, newSubmits().get(3).pdu().getDataCoding());
        alert(INTAKE_TOKEN, "{\"text\": \"x\", \"recipients\": []}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("messageId")));
    }

    @Test
    void theConsoleForwardsASignedInSenderWithTheTokenAndNothingElseServesPages() throws Exception {
        String json = "{\"text\": \"Hop tu trang web\", \"numbers\": [\"0912345678\"]}";
        String body = mvc.perform(post("/api/v1/notices").header("Authorization", "Bearer " + INTAKE_TOKEN)
                        .header("X-CongVu-Sender", TestSenders.SENDER)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long id = ((Number) JsonPath.read(body, "$.id")).longValue();
        mvc.perform(get("/api/v1/notices/" + id).header("Authorization", "Bearer " + INTAKE_TOKEN)
                        .header("X-CongVu-Sender", TestSenders.SENDER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sender").value(TestSenders.SENDER));
        // the header means nothing without the token, and the token names no one by itself
        mvc.perform(post("/api/v1/notices").header("Authorization", "Bearer not-the-token")
                        .header("X-CongVu-Sender", TestSenders.SENDER)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/notices").header("X-CongVu-Sender", TestSenders.SENDER)
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/notices").header("Authorization", "Bearer " + INTAKE_TOKEN))
                .andExpect(status().isUnauthorized());
        // the page and its sign-in are the console's now
        mvc.perform(get("/")).andExpect(status().isForbidden());
        mvc.perform(get("/notices.js")).andExpect(status().isForbidden());
        mvc.perform(get("/login")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        // health and metrics are for this host only (the gateway may be bound off loopback)
        mvc.perform(get("/actuator/health").with(r -> {
            r.setRemoteAddr("10.1.2.3");
            return r;
        })).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(r -> {
            r.setRemoteAddr("10.1.2.3");
            return r;
        })).andExpect(status().isForbidden());
    }
}
