package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    static final Path SCREENSHOTS = Path.of("target/browser");
    static final String INITIAL = "Khởi-tạo-2026";
    static final String WEAK = "yen2026";
    static final String NEW = "Hoa-sen-nở-2026";


    @Test
    void anOfficialChangesTheInitialPasswordOnAPhoneAndReachesTheHomePage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(Files.isDirectory(BrowserScript.NODE.resolve("node_modules/playwright-core")),
                "npm packages not installed in " + BrowserScript.NODE + " (./congvu test installs them)");
        Files.createDirectories(SCREENSHOTS);
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, "yen.hn", "Hoàng Ngọc Yến", INITIAL, true);
        }

        List<String> lines = BrowserScript.run("browser-test.js", SCREENSHOTS, CHROMIUM, 
                Map.of("URL", "http://127.0.0.1:" + port, "LOGIN", Province.mail("yen.hn"), "INITIAL", INITIAL,
                        "WEAK", WEAK, "NEW", NEW));

        String form = BrowserScript.step(lines, "change-form");
        assertEquals("Đổi mật khẩu", JsonPath.read(form, "$.heading"));
        assertEquals(false, JsonPath.read(form, "$.wide"), "fits a 390 px screen");
        assertTrue(JsonPath.<String>read(BrowserScript.step(lines, "home-before-change"), "$.url")
                .endsWith("/account/password"));
        List<String> problems = JsonPath.read(BrowserScript.step(lines, "refused"), "$.problems");
        assertEquals(policy.rules().problems(WEAK, "yen.hn", "Hoàng Ngọc Yến", PasswordHistory.empty()), problems);
        String home = BrowserScript.step(lines, "home");
        String text = JsonPath.read(home, "$.text");
        assertTrue(text.contains("Hoàng Ngọc Yến") && text.contains("yen.hn@example.gov.vn")
                && text.contains("Cài đặt ứng dụng thư"), text);
        assertEquals(false, JsonPath.read(home, "$.wide"), "fits a 390 px screen");
        assertEquals(List.of(), JsonPath.read(BrowserScript.step(lines, "done"), "$.foreign"),
                "nothing fetched from elsewhere");
        assertFalse(policy.account("yen.hn").orElseThrow().mustChange());
        for (String shot : List.of("1-change-form.png", "2-refused.png", "3-home.png")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 1000, shot);
        }
    }
}
