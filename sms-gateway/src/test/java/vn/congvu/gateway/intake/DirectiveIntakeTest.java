package vn.congvu.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.smsc.TestSenders;
import vn.congvu.gateway.outbox.SqliteOutbox;

/**
 * The intake as mail-server reaches it, over real HTTP: the directive's subject and sender recorded on a
 * notice of kind 'directive', the bearer token required (no user login opens it), retries sending nothing twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestSenders.Logins.class)
class DirectiveIntakeTest {

    static final ScriptedSmsc smsc = ScriptedSmsc.startUnchecked();
    static final String TOKEN = "directive-intake-test-token";

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestProperties.account(registry, smsc, SqliteOutbox.freshUrl());
        registry.add("gateway.intake.token", () -> TOKEN);
    }

    @AfterAll
    static void stop() {
        smsc.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/v1/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void directiveSubjectAndSenderAreRecordedOnTheNoticeOnce() throws Exception {
        String json = """
                {"messageId": "<cd-42@example.gov.vn>", "from": "vanphong@example.gov.vn",
                 "subject": "[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3", "urgent": true,
                 "text": "VB chi dao HOA TOC tu Van phong Tinh uy: \\"Phong chong bao so 3\\". Xem thu cong vu.",
                 "recipients": [{"target": "an@example.gov.vn", "mobile": "84912000101"},
                                {"target": "binh@example.gov.vn", "mobile": "0983000102"}]}
                """;
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestSenders.SENDER + ":" + TestSenders.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(401, post(null, json).statusCode(), "no token");
        assertEquals(401, post("Bearer not-the-token", json).statusCode(), "wrong token");
        assertEquals(401, post("Bearer " + TOKEN + "x", json).statusCode(), "token with a suffix");
        assertEquals(401, post(basic, json).statusCode(), "a notice sender's login does not open the intake");
        assertEquals(0, count("SELECT COUNT(*) FROM notice WHERE kind = 'directive'"));

        HttpResponse<String> first = post("Bearer " + TOKEN, json);
        assertEquals(202, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"accepted\":2"), first.body());
        List<Map<String, Object>> notices = jdbc.queryForList(
                "SELECT id, kind, mail_subject, mail_sender, sender, urgent FROM notice WHERE kind = 'directive'");
        assertEquals(1, notices.size());
        Map<String, Object> notice = notices.get(0);
        assertEquals("[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3", notice.get("MAIL_SUBJECT"));
        assertEquals("vanphong@example.gov.vn", notice.get("MAIL_SENDER"));
        assertEquals(Boolean.TRUE, jdbc.queryForObject("SELECT urgent FROM notice WHERE id = ?", Boolean.class, notice.get("ID")));
        assertTrue(await(() -> smsc.receivedCount() == 2, 10_000), "both alerts submitted");
        assertEquals("VB chi dao HOA TOC tu Van phong Tinh uy: \"Phong chong bao so 3\". Xem thu cong vu.",
                new String(smsc.received().get(0).shortMessage(), StandardCharsets.US_ASCII));

        // mail-server posting again (timeout, restart): nothing new, no second notice
        HttpResponse<String> again = post("Bearer " + TOKEN, json);
        assertEquals(202, again.statusCode());
        assertTrue(again.body().contains("\"duplicates\":2"), again.body());
        // the intake answers after storing: once the outbox has nothing left to send, nothing more can come
        assertTrue(await(() -> count("SELECT COUNT(*) FROM message WHERE state IN ('PENDING', 'SENDING')") == 0, 5000));
        assertEquals(2, smsc.receivedCount());
        assertEquals(1, count("SELECT COUNT(*) FROM notice WHERE kind = 'directive'"));
        // notices typed by a sender keep the default kind
        assertEquals(0, count("SELECT COUNT(*) FROM notice WHERE kind = 'notice' AND mail_subject IS NOT NULL"));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
