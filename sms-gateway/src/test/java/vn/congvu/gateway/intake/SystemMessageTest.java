package vn.congvu.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congvu.gateway.outbox.SqliteOutbox;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.smsc.TestSenders;

/**
 * The console's one-recipient system message (a reset code) over real HTTP: the intake token required, the SMS
 * submitted with the text as given, and the notice hidden from the history and the notices API (its text is a code).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestSenders.Logins.class)
class SystemMessageTest {

    static final ScriptedSmsc smsc = ScriptedSmsc.startUnchecked();
    static final String TOKEN = "system-message-test-token";
    static final String TEXT = "CongVu: ma xac nhan dat lai mat khau la 123456, hieu luc 10 phut.";

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

    private HttpResponse<String> send(String method, String path, String authorization, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResetCodeGoesToOneNumberAndStaysOutOfTheHistory() throws Exception {
        String json = "{\"kind\":\"reset-code\",\"mobile\":\"0912000777\",\"text\":\"" + TEXT + "\"}";
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestSenders.SENDER + ":" + TestSenders.PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(401, send("POST", "/internal/v1/system-messages", null, json).statusCode(), "no token");
        assertEquals(401, send("POST", "/internal/v1/system-messages", basic, json).statusCode(), "a sender's login");
        assertEquals(400, send("POST", "/internal/v1/system-messages", "Bearer " + TOKEN,
                "{\"kind\":\"reset-code\",\"mobile\":\"12\",\"text\":\"x\"}").statusCode(), "not a mobile number");

        HttpResponse<String> sent = send("POST", "/internal/v1/system-messages", "Bearer " + TOKEN, json);
        assertEquals(202, sent.statusCode(), sent.body());
        long id = jdbc.queryForObject("SELECT id FROM notice WHERE kind = 'system'", Long.class);
        assertTrue(sent.body().contains("\"noticeId\":" + id), sent.body());
        assertTrue(await(() -> smsc.receivedCount() == 1, 10_000), "submitted");
        assertEquals(TEXT, new String(smsc.received().get(0).shortMessage(), StandardCharsets.US_ASCII));
        assertEquals("84912000777", smsc.received().get(0).pdu().getDestAddress().getAddress());

        HttpResponse<String> history = send("GET", "/api/v1/notices", basic, null);
        assertEquals(200, history.statusCode(), history.body());
        assertFalse(history.body().contains("123456"), history.body());
        assertEquals(404, send("GET", "/api/v1/notices/" + id, basic, null).statusCode(), "not by its id either");
    }
}
