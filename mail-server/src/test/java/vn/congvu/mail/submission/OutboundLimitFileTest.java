package vn.congvu.mail.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** outbound-limits.properties: the shipped defaults, and each mistake refused with its key named. */
class OutboundLimitFileTest {

    @Test
    void theShippedFileHoldsTheDefaults() {
        OutboundLimit limit = OutboundLimit.load(Path.of("..", "config", "james", OutboundLimit.FILE));
        assertEquals(new OutboundLimit(250, Duration.ofMinutes(10)), limit);
    }

    @Test
    void mistakesAreRefusedNamed(@TempDir Path dir) throws Exception {
        String[][] cases = {
            {"recipients=0\nwindow-minutes=10\n", "recipients=0"},
            {"recipients=abc\nwindow-minutes=10\n", "recipients=abc"},
            {"recipients=250\n", "missing window-minutes"},
            {"recipients=250\nwindow-minutes=10\nwindow=5\n", "unknown key(s) [window]"}};
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("limits.properties"), c[0]);
            String problem = assertThrows(IllegalStateException.class, () -> OutboundLimit.load(file)).getMessage();
            assertTrue(problem.contains(c[1]), problem);
        }
    }
}
