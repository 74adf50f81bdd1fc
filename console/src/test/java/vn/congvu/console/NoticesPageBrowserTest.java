package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import vn.congvu.directory.client.DirectoryClient;

/**
 * The notices page in a real browser, through the console: headless Debian Chromium driven by playwright-core
 * (src/test/node/notices-test.js) against this console on a free port, which forwards to a real gateway (the jar Maven
 * built, as {@code ./congvu up} runs it, with its SMSC simulator and its delivery receipts) reading the same embedded
 * directory. An official outside notice-senders is refused the page; a sender composes to a group found by typing
 * without diacritics, sees the gateway's own figures, sends, and watches the history reach "delivered". Screenshots
 * land in target/browser/notices/. Skipped when chromium or the npm package is missing ({@code ./congvu test}
 * installs both and fails a run with a skipped test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NoticesPageBrowserTest {

    static final Province province = Province.shared();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path NODE = Path.of("src/test/node");
    static final Path SCREENSHOTS = Path.of("target/browser/notices");
    static final String TOKEN = "notices-page-browser-token";
    static final String PASSWORD = "Sông-Hàn-2026";
    static final String SENDER = "lan.pt";
    static final String OFFICIAL = "minh.dq";
    static final String GROUP = "ban-chi-dao";
    static final String TEXT = "Họp khẩn Ban chỉ đạo lúc 14h tại Tỉnh ủy, đề nghị đồng chí có mặt đúng giờ.";

    private static GatewayProcess gateway;

    /** The gateway, started once the directory holds the province (the console's context asks for its address). */
    static synchronized GatewayProcess gateway() throws Exception {
        if (gateway == null) {
            try (DirectoryClient c = province.client()) {
                province.addOfficial(c, SENDER, "Phạm Thị Lan", PASSWORD, false, "84912000011");
                province.addToGroup(c, SENDER, "notice-senders");
                province.addOfficial(c, OFFICIAL, "Đặng Quang Minh", PASSWORD, false, "84983000012");
                province.addOfficial(c, "dat.dv", "Đỗ Văn Đạt", PASSWORD, false, "84356000013");
                province.addOfficial(c, "chau.lm", "Lê Minh Châu", PASSWORD, false);
                province.addGroup(c, GROUP, "Ban Chỉ đạo phòng chống thiên tai", SENDER, OFFICIAL, "dat.dv", "chau.lm");
            }
            gateway = GatewayProcess.start(province.ldapEnvironment(), TOKEN);
        }
        return gateway;
    }

    @DynamicPropertySource
    static void console(DynamicPropertyRegistry registry) {
        registry.add("console.policy-file", () -> province.policyFile().toString());
        registry.add("console.failed-sign-in-delay", () -> "0s");
        registry.add("console.gateway-url", () -> {
            try {
                return gateway().url();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        registry.add("console.gateway-token", () -> TOKEN);
    }

    @TestBean(name = "directoryClient", methodName = "provinceDirectory")
    DirectoryClient directory;

    static DirectoryClient provinceDirectory() {
        return province.client();
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopGateway() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aNoticeSenderComposesToAGroupByTypingWithoutDiacriticsAndSeesItDelivered() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isDirectory(NODE.resolve("node_modules/playwright-core")),
                "npm packages not installed in " + NODE + " (./congvu test installs them)");
        Files.createDirectories(SCREENSHOTS);
        // GSM-7 without diacritics, as the gateway's encoder makes it (đ → d): what phones will show
        String sent = "Hop khan Ban chi dao luc 14h tai Tinh uy, de nghi dong chi co mat dung gio.";

        List<String> lines = runBrowser(Map.ofEntries(Map.entry("URL", "http://127.0.0.1:" + port),
                Map.entry("SENDER", Province.mail(SENDER)), Map.entry("SENDER_PASSWORD", PASSWORD),
                Map.entry("OFFICIAL", Province.mail(OFFICIAL)), Map.entry("OFFICIAL_PASSWORD", PASSWORD),
                Map.entry("PERSON_QUERY", "do van"), Map.entry("PERSON_NAME", "Đỗ Văn Đạt"),
                Map.entry("GROUP_QUERY", "chi dao"), Map.entry("GROUP", GROUP), Map.entry("TEXT", TEXT),
                Map.entry("SENT_TEXT", sent)));

        Map<String, Object> refused = step(lines, "refused");
        assertEquals(403, refused.get("status"));
        assertEquals(0, refused.get("link"), "no link to the page on the home page of a non-sender");
        assertTrue(((String) refused.get("message")).contains("notice-senders"), refused.toString());
        assertEquals(SENDER, step(lines, "logged-in").get("user"));
        assertEquals(true, step(lines, "logged-in").get("simulatorBanner"), "the gateway runs its simulator");
        assertTrue(step(lines, "person-found").get("suggestions").toString().contains("Đỗ Văn Đạt"));

        Map<String, Object> preview = step(lines, "preview");
        assertEquals(3, preview.get("recipients"), "lan, minh, dat; chau has no mobile: " + preview);
        assertTrue(((String) preview.get("withoutNumber")).contains("chau.lm"), preview.toString());
        assertEquals("GSM7", preview.get("encoding"));
        assertEquals(1, preview.get("parts"));
        assertEquals(160 - sent.length(), preview.get("room"), "characters left in the one part");
        assertEquals("Điện thoại sẽ hiện: " + sent, preview.get("sentText"));

        Map<String, Object> delivered = step(lines, "delivered");
        assertEquals(4, delivered.get("total"));
        assertEquals(3, delivered.get("delivered"), delivered.toString());
        assertEquals(1, delivered.get("failed"), "chau: no mobile");
        assertEquals(0, delivered.get("pending"));
        assertEquals(true, delivered.get("urgent"));
        assertTrue(delivered.get("recipients").toString().contains("Đã nhận"), delivered.toString());
        Map<String, Object> done = step(lines, "done");
        assertEquals(List.of(), done.get("foreignRequests"), "every asset from the console");
        assertEquals(List.of(), done.get("pageErrors"));
        for (String shot : List.of("1-refused.png", "2-compose.png", "3-confirm.png", "4-history.png")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 1000, shot);
        }
    }

    private static Map<String, Object> step(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("{") && name.equals(JsonPath.read(l, "$.step")))
                .findFirst().<Map<String, Object>>map(l -> JsonPath.read(l, "$"))
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + lines));
    }

    private static List<String> runBrowser(Map<String, String> variables) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "notices-test.js").directory(NODE.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(variables);
        env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        pb.environment().putAll(env);
        Process browser = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        boolean ended = browser.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
        }
        assertTrue(ended, "browser test did not finish within 180 s: " + lines);
        assertEquals(0, browser.exitValue(), "browser test failed (screenshots in " + SCREENSHOTS + "): " + lines
                + "\ngateway log:\n" + gateway.logTail());
        return lines;
    }
}
