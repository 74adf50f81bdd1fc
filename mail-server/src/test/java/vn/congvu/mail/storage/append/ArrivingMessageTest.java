package vn.congvu.mail.storage.append;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;

import javax.mail.Flags;

import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.junit.jupiter.api.Test;

/**
 * What a message arriving in a mailbox is stored with: where its body starts and the top-level MIME description IMAP
 * answers BODYSTRUCTURE from (RFC 3501: a text part states its line count, and a charset, us-ascii by default).
 */
class ArrivingMessageTest {

    @Test
    void aTextMessageHasItsTypeCharsetLinesAndBodyStart() throws Exception {
        String header = "From: van.thu@example.gov.vn\r\nSubject: Cong van\r\n"
            + "Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
        String body = "Dong mot.\r\nDong hai.\r\nDong ba.\r\n";
        MailboxMessage message = stored(header + body);

        assertEquals("text", message.getMediaType());
        assertEquals("plain", message.getSubType());
        assertEquals(3L, message.getTextualLineCount());
        assertEquals(header.length(), message.getHeaderOctets());
        assertEquals(body.length(), message.getBodyOctets());
        assertArrayEquals(body.getBytes(StandardCharsets.US_ASCII), message.getBodyContent().readAllBytes());
        Map<String, String> parameters = message.getProperties().getContentTypeParameters();
        assertEquals("utf-8", parameters.get("charset"));
        assertEquals("flowed", parameters.get("format"));
        assertEquals("8bit", message.getProperties().getContentTransferEncoding());
    }

    @Test
    void withoutContentTypeItIsPlainUsAsciiText() throws Exception {
        MailboxMessage message = stored("Subject: khong kieu\r\n\r\nMot dong\r\n");
        assertEquals("text", message.getMediaType());
        assertEquals("plain", message.getSubType());
        assertEquals("us-ascii", message.getProperties().getContentTypeParameters().get("charset"));
        assertEquals(1L, message.getTextualLineCount());
    }

    @Test
    void aMultipartMessageKeepsItsBoundaryAndHasNoLineCount() throws Exception {
        MailboxMessage message = stored("Subject: dinh kem\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"ranh-gioi\"\r\n\r\n"
            + "--ranh-gioi\r\nContent-Type: text/plain\r\n\r\nVan ban\r\n"
            + "--ranh-gioi\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=qd.pdf\r\n\r\n%PDF\r\n"
            + "--ranh-gioi--\r\n");
        assertEquals("multipart", message.getMediaType());
        assertEquals("mixed", message.getSubType());
        assertEquals("ranh-gioi", message.getProperties().getContentTypeParameters().get("boundary"));
        assertNull(message.getTextualLineCount());
    }

    @Test
    void aMessageWithoutAnEmptyLineIsStoredWholeAsBody() throws Exception {
        String content = "Subject: chi co tieu de\r\nX-Note: het";
        MailboxMessage message = stored(content);
        assertEquals(0, message.getHeaderOctets(), "as James stores it: no header/body split found");
        assertArrayEquals(content.getBytes(StandardCharsets.US_ASCII), message.getFullContent().readAllBytes());
    }

    @Test
    void bytesThatAreNoMimeAreStillStoredAsTheyCame() throws Exception {
        byte[] garbage = {(byte) 0xff, 0, 13, 10, 13, 10, (byte) 0x80, 'x', 0, 13};
        MailboxMessage message = ArrivingMessage.parse(garbage).toMailboxMessage(new DefaultMessageId.Factory().generate(),
            ThreadId.fromBaseMessageId(new DefaultMessageId.Factory().generate()), JPAId.of(1), new Date(), new Date(), new Flags());
        assertArrayEquals(garbage, message.getFullContent().readAllBytes());
        assertEquals(garbage.length, message.getFullContentOctets());
    }

    private static MailboxMessage stored(String content) throws Exception {
        DefaultMessageId.Factory ids = new DefaultMessageId.Factory();
        return ArrivingMessage.parse(content.getBytes(StandardCharsets.US_ASCII)).toMailboxMessage(ids.generate(),
            ThreadId.fromBaseMessageId(ids.generate()), JPAId.of(1), new Date(), new Date(), new Flags());
    }
}
