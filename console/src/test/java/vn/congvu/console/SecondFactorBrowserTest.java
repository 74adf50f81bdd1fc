package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.directory.client.DirectoryClient;

/**
 * The sign-in's second step in Debian's headless Chromium on a phone-sized screen (src/test/node/
 * second-factor-test.js): the code form after the password and nothing else, a wrong code refused in Vietnamese,
 * then the home page. Screenshots land in target/browser/second-factor/. Skipped, like {@link ConsoleBrowserTest},
 * when chromium or the npm package is not installed.
 */
class SecondFactorBrowserTest extends ConsoleOnProvince {

    static final Path SCREENSHOTS = Path.of("target/browser/second-factor");
    static final String PASSWORD = "Biển-Mỹ-Khê-2026";

    @Test
    void anOfficialTypesTheCodeAfterThePasswordOnAPhone() throws Exception {
        assumeTrue(Files.isExecutable(ConsoleBrowserTest.CHROMIUM), "no Chromium at " + ConsoleBrowserTest.CHROMIUM);
        assumeTrue(Files.isDirectory(BrowserScript.NODE.resolve("node_modules/playwright-core")),
                "npm packages not installed in " + BrowserScript.NODE + " (./congvu test installs them)");
        Files.createDirectories(SCREENSHOTS);
        String dn;
        try (DirectoryClient c = province.client()) {
            dn = province.addOfficial(c, "khe.bm", "Bùi Minh Khê", PASSWORD, false);
        }
        Authenticator app = new Authenticator(policy.secondFactor().enrol(dn).secret());
        assertTrue(policy.secondFactor().confirm(dn, app.now(), "test").isPresent());
        String code = app.next(); // the clock stays on this step while the browser runs

        List<String> lines = BrowserScript.run("second-factor-test.js", SCREENSHOTS, ConsoleBrowserTest.CHROMIUM,
                Map.of("URL", "http://127.0.0.1:" + port, "LOGIN", Province.mail("khe.bm"),
                "PASSWORD", PASSWORD, "WRONG", app.wrong(), "CODE", code));

        String form = BrowserScript.step(lines, "code-form");
        assertEquals("Xác thực hai bước", JsonPath.read(form, "$.heading"));
        assertEquals(false, JsonPath.read(form, "$.wide"), "fits a 390 px screen");
        assertTrue(JsonPath.<String>read(BrowserScript.step(lines, "home-before-code"), "$.url")
                .endsWith("/login/code"));
        assertEquals(List.of(DirectorySignIn.WRONG_CODE),
                JsonPath.read(BrowserScript.step(lines, "refused"), "$.problems"));
        String text = JsonPath.read(BrowserScript.step(lines, "home"), "$.text");
        assertTrue(text.contains("Bùi Minh Khê"), text);
        assertEquals(List.of(), JsonPath.read(BrowserScript.step(lines, "done"), "$.foreign"),
                "nothing fetched from elsewhere");
        for (String shot : List.of("1-code-form.png", "2-wrong-code.png", "3-home.png")) {
            assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 1000, shot);
        }
    }
}
