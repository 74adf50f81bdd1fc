package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.PasswordHistory;

/**
 * First use in Debian's headless Chromium on a phone-sized screen (src/test/node/browser-test.js, playwright-core):
 * sign-in with the initial password, the change form and nothing else, a weak password refused in Vietnamese, then
 * the home page. Screenshots land in target/browser/. Skipped when chromium or the npm package is not installed;
 * {@code ./congvu test} installs both and fails a run with a skipped test.
 */
class ConsoleBrowserTest extends ConsoleOnProvince {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path NODE = Path.of("src/test/node");
    static final Path SCREENSHOTS = Path.of("target/browser");
    static final String INITIAL = "Khởi-tạo-2026";
    static final String WEAK = "yen2026";
    static final String NEW = "Hoa-sen-nở-2026";


    @Test
    void anOfficialChangesTheInitialPasswordOnAPhoneAndReachesTheHomePage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isDirectory(NODE.resolve("node_modules/playwright-core")),
                "npm packages not installed in " + NODE + " (./congvu test installs them)");
        Files.createDirectories(SCREENSHOTS);
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, "yen.hn", "Hoàng Ngọc Yến", INITIAL, true);
        }

        List<String> lines = runBrowser(Map.of("URL", "http://127.0.0.1:" + port, "LOGIN", Province.mail("yen.hn"),
                "INITIAL", INITIAL, "WEAK", WEAK, "NEW", NEW));

        String form = step(lines, "change-form");
        assertEquals("Đổi mật khẩu", JsonPath.read(form, "$.heading"));
        assertEquals(false, JsonPath.read(form, "$.wide"), "fits a 390 px screen");
        assertTrue(JsonPath.<String>read(step(lines, "home-before-change"), "$.url").endsWith("/account/password"));
        List<String> problems = JsonPath.read(step(lines, "refused"), "$.problems");
        assertEquals(policy.rules().problems(WEAK, "yen.hn", "Hoàng Ngọc Yến", PasswordHistory.empty()), problems);
        String home = step(lines, "home");
        String text = JsonPath.read(home, "$.text");
        assertTrue(text.contains("Hoàng Ngọc Yến") && text.contains("yen.hn@example.gov.vn")
                && text.contains("Cài đặt ứng dụng thư"), text);
        assertEquals(false, JsonPath.read(home, "$.wide"), "fits a 390 px screen");
        assertEquals(List.of(), JsonPath.read(step(lines, "done"), "$.foreign"), "nothing fetched from elsewhere");
        assertFalse(policy.account("yen.hn").orElseThrow().mustChange());
        for (String shot : List.of("1-change-form.png", "2-refused.png", "3-home.png")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 1000, shot);
        }
    }

    private static String step(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("{") && name.equals(JsonPath.read(l, "$.step")))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + " in " + lines));
    }

    private static List<String> runBrowser(Map<String, String> variables) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "browser-test.js").directory(NODE.toFile())
                .redirectErrorStream(true);
        pb.environment().putAll(variables);
        pb.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
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
        assertEquals(0, browser.exitValue(), "browser test failed (screenshots in " + SCREENSHOTS + "): " + lines);
        return lines;
    }
}
