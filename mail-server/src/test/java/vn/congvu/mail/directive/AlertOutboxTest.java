package vn.congvu.mail.directive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mail side of the hand-over: what a mail processed again (after a crash) finds in the outbox. */
class AlertOutboxTest {

    private static PendingAlert alert(String messageId, String... targets) {
        return new PendingAlert(messageId, "tuan@example.gov.vn", "[CHỈ ĐẠO] Bão", "VB chi dao", true,
            java.util.Arrays.stream(targets).map(t -> new PendingAlert.Recipient(t, "8491200000" + t.length())).toList(),
            1000, 1000);
    }

    @Test
    void aDocumentIsStoredOnceWhetherPendingOrAlreadySent(@TempDir Path dir) throws Exception {
        AlertOutbox outbox = new AlertOutbox(dir);
        assertTrue(outbox.add(alert("<a@x>", "hoa@x", "lan@x")));
        assertFalse(outbox.add(alert("<a@x>", "lan@x", "hoa@x")), "same document, same recipients in another order");
        assertEquals(1, outbox.pendingKeys().size());
        String key = outbox.pendingKeys().get(0);
        assertEquals(alert("<a@x>", "hoa@x", "lan@x"), outbox.read(key).orElseThrow(), "read back as written");

        outbox.markSent(key);
        assertEquals(List.of(), outbox.pendingKeys());
        assertFalse(outbox.add(alert("<a@x>", "hoa@x", "lan@x")), "processed again after it was handed over");

        assertTrue(outbox.add(alert("<a@x>", "hoa@x", "lan@x", "minh@x")), "more recipients: the gateway's key dedups the rest");
        assertTrue(outbox.add(alert("<b@x>", "hoa@x", "lan@x")), "another document");
        assertEquals(2, outbox.pendingKeys().size());
        try (var files = Files.list(dir.resolve("pending"))) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
    }
}
