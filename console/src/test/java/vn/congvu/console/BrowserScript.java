package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One script of src/test/node run with node (playwright-core and the system's Chromium, see browser.js): its JSON
 * step lines, and the one named so. Fails when the script fails or takes more than 180 s.
 */
final class BrowserScript {

    static final Path NODE = Path.of("src/test/node");

    private BrowserScript() {
    }

    static List<String> run(String script, Path screenshots, Path chromium, Map<String, String> variables)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(NODE.toFile()).redirectErrorStream(true);
        pb.environment().putAll(variables);
        pb.environment().put("SCREENSHOTS", screenshots.toAbsolutePath().toString());
        pb.environment().put("CHROMIUM", chromium.toString());
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
        assertTrue(ended, script + " did not finish within 180 s: " + lines);
        assertEquals(0, browser.exitValue(), script + " failed (screenshots in " + screenshots + "): " + lines);
        return lines;
    }

    static String step(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("{") && name.equals(JsonPath.read(l, "$.step")))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + " in " + lines));
    }
}
