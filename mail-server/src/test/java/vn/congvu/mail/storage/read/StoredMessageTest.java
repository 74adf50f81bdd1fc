package vn.congvu.mail.storage.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Flags;

import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.junit.jupiter.api.Test;

/** Header and body of a message read without them (as METADATA) are loaded once, when first asked for. */
class StoredMessageTest {
    private static final byte[] HEADER = "Subject: Chi dao\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "Noi dung.\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void contentLeftOutOfTheReadIsLoadedOnceWhenAskedFor() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        StoredMessage message = metadataOnly(() -> {
            loads.incrementAndGet();
            return new byte[][] {HEADER, BODY};
        });
        assertEquals(0, loads.get(), "nothing read before it is asked for");

        assertArrayEquals(HEADER, message.getHeaderContent().readAllBytes());
        assertArrayEquals(BODY, message.getBodyContent().readAllBytes());
        assertEquals(new String(HEADER, StandardCharsets.US_ASCII) + new String(BODY, StandardCharsets.US_ASCII),
            new String(message.getFullContent().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(1, loads.get());
    }

    @Test
    void aMessageDeletedBeforeItsContentIsReadIsAnIOException() {
        StoredMessage message = metadataOnly(() -> {
            throw new UncheckedIOException(new IOException("Message 7 of mailbox 3 is gone"));
        });

        IOException header = assertThrows(IOException.class, message::getHeaderContent);
        assertEquals("Message 7 of mailbox 3 is gone", header.getMessage());
        assertThrows(IOException.class, message::getBodyContent);
        assertThrows(IOException.class, message::getFullContent);
    }

    private static StoredMessage metadataOnly(java.util.function.Supplier<byte[][]> parts) {
        StoredMessage.Row row = new StoredMessage.Row();
        row.uid = 7;
        row.modSeq = 9;
        row.internalDate = new Date();
        row.size = HEADER.length + BODY.length;
        row.bodyStart = HEADER.length;
        row.mediaType = "text";
        row.subType = "plain";
        row.textualLineCount = 1L;
        return new StoredMessage(row, new Flags(), JPAId.of(3), () -> new Properties(List.of(), 1L), parts);
    }
}
