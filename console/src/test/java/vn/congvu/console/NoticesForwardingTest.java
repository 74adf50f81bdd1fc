package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.client.DirectoryClient;

/**
 * The notices page and API on the console's port, forwarded to a recording peer in place of the gateway: only notice
 * senders get through (Basic or the page's session with its CSRF token), the gateway sees the console's token and
 * the official's uid (never the password), the path, query and body as sent, and its status, JSON and Location come
 * back unchanged.
 */
class NoticesForwardingTest extends ConsoleOnProvince {

    static final String PASSWORD = "Núi-Ngự-2026";
    static final String SENDER = "hoa.tt";
    static final String OFFICIAL = "khoa.lv";
    static final FakeGateway gateway = FakeGateway.shared();

    @BeforeAll
    static void officials() throws Exception {
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, SENDER, "Trần Thị Hoa", PASSWORD, false);
            province.addToGroup(c, SENDER, "notice-senders");
            province.addOfficial(c, OFFICIAL, "Lê Văn Khoa", PASSWORD, false);
        }
    }

    @Test
    void anApiClientSendsANoticeThroughTheConsolePort() throws Exception {
        Browser b = new Browser(port);
        String json = "{\"groups\":[\"lanh-dao\"],\"text\":\"Họp lúc 14h\",\"urgent\":true}";
        HttpResponse<String> r = b.api("POST", "/api/v1/notices", Province.mail(SENDER), PASSWORD, json);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("{\"id\":42}", r.body());
        assertEquals("/api/v1/notices/42", Browser.location(r));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        FakeGateway.Received got = gateway.last();
        assertEquals("POST", got.method());
        assertEquals("/api/v1/notices", got.pathAndQuery());
        assertEquals("Bearer " + FakeGateway.TOKEN, got.header("Authorization"), "the console's token, not Basic");
        assertEquals(SENDER, got.header("X-CongVu-Sender"));
        assertEquals("application/json", got.header("Content-Type"));
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), got.body());
    }

    @Test
    void aSenderHeaderFromTheClientIsNotPassedOn() throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((SENDER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/notices"))
                .header("Authorization", "Basic " + basic).header("X-CongVu-Sender", "admin").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(SENDER, gateway.last().header("X-CongVu-Sender"), "the signed-in official, whatever was sent");
        assertEquals(1, gateway.last().headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-CongVu-Sender")).mapToInt(e -> e.getValue().size()).sum());
    }

    @Test
    void pathQueryAndLargeBodiesArriveAsSentAndErrorsComeBackAsTheGatewaySaidThem() throws Exception {
        Browser b = new Browser(port);
        HttpResponse<String> list = b.api("GET", "/api/v1/directory/search?q=nguy%E1%BB%85n+van&x=1", SENDER,
                PASSWORD, null);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals("/api/v1/directory/search?q=nguy%E1%BB%85n+van&x=1", gateway.last().pathAndQuery());
        assertEquals("GET", gateway.last().method());

        HttpResponse<String> bad = b.api("POST", "/api/v1/notices/preview", SENDER, PASSWORD, "{\"text\":\"bad\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("{\"error\":\"text is empty\"}", bad.body());

        char[] big = new char[3_000_000];
        Arrays.fill(big, 'a');
        String large = "{\"text\":\"" + new String(big) + "\"}";
        HttpResponse<String> r = b.api("POST", "/api/v1/notices/preview", SENDER, PASSWORD, large);
        assertEquals(200, r.statusCode());
        assertEquals("{\"length\":" + large.length() + "}", r.body(), "the whole body reached the gateway");
    }

    @Test
    void onlyNoticeSendersGetThroughAndNothingElseReachesTheGateway() throws Exception {
        Browser b = new Browser(port);
        int before = gateway.received().size();
        assertEquals(403, b.api("GET", "/api/v1/notices", OFFICIAL, PASSWORD, null).statusCode(), "not a sender");
        assertEquals(401, b.api("GET", "/api/v1/notices", SENDER, "sai-mat-khau", null).statusCode());
        assertEquals(401, b.get("/api/v1/notices/1").statusCode(), "no login");

        b.signIn(OFFICIAL, PASSWORD);
        HttpResponse<String> page = b.get("/notices");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("Chỉ thành viên nhóm notice-senders được gửi tin nhắn thông báo."), page.body());
        assertEquals(403, b.script("GET", "/web/notices", null).statusCode());
        assertEquals(before, gateway.received().size(), "the gateway saw none of these");
    }

    @Test
    void thePageCallsTheGatewayUnderItsSessionWithItsCsrfToken() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/login", Browser.location(b.get("/notices")), "a stranger signs in first");
        b.signIn(Province.mail(SENDER), PASSWORD);
        HttpResponse<String> page = b.get("/notices");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Gửi tin nhắn thông báo"), page.body());
        assertEquals(200, b.get("/notices.js").statusCode());
        assertEquals(200, b.get("/notices.css").statusCode());
        assertEquals("{\"uid\":\"" + SENDER + "\"}", b.script("GET", "/web/me", null).body());

        HttpResponse<String> preview = b.script("POST", "/web/notices/preview", "{\"text\":\"Họp\"}");
        assertEquals(200, preview.statusCode(), preview.body());
        assertEquals("/api/v1/notices/preview", gateway.last().pathAndQuery());
        assertEquals(SENDER, gateway.last().header("X-CongVu-Sender"));
        assertEquals(null, gateway.last().header("Cookie"), "the session stays with the console");

        b.script("GET", "/web/notices?page=2&size=10", null);
        assertEquals("/api/v1/notices?page=2&size=10", gateway.last().pathAndQuery());
        b.script("GET", "/web/notices/7", null);
        assertEquals("/api/v1/notices/7", gateway.last().pathAndQuery());
        b.script("GET", "/web/smsc", null);
        assertEquals("/actuator/health", gateway.last().pathAndQuery());

        int before = gateway.received().size();
        HttpResponse<String> forged = b.post("/web/notices", java.util.Map.of("text", "x"));
        assertEquals(403, forged.statusCode(), "a post without the CSRF token");
        assertEquals(before, gateway.received().size());
    }
}
