package vn.congvu.mail.storage.append;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.mailbox.model.ByteContent;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.PropertyBuilder;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.james.mailbox.store.streaming.CountingInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.HeaderImpl;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.util.io.BodyOffsetInputStream;

/**
 * A message on its way into a mailbox, read once into memory and described the way James' mailbox store
 * describes what it stores: where the body starts, the top-level MIME properties IMAP's BODYSTRUCTURE is
 * answered from, the line count of a text body, and the header for thread ids. Only the top level is parsed,
 * as James does; a malformed message is still stored (permissive parsing), never refused here.
 */
final class ArrivingMessage {
    private static final LenientFieldParser FIELDS = new LenientFieldParser();

    private final byte[] content;
    private final int bodyStartOctet;
    private final PropertyBuilder properties;
    private final HeaderImpl header;

    private ArrivingMessage(byte[] content, int bodyStartOctet, PropertyBuilder properties, HeaderImpl header) {
        this.content = content;
        this.bodyStartOctet = bodyStartOctet;
        this.properties = properties;
        this.header = header;
    }

    static ArrivingMessage read(InputStream in) throws IOException, MimeException {
        return parse(in.readAllBytes());
    }

    static ArrivingMessage parse(byte[] content) throws IOException, MimeException {
        BodyOffsetInputStream offsets = new BodyOffsetInputStream(new ByteArrayInputStream(content));
        MimeTokenStream parser = new MimeTokenStream(MimeConfig.PERMISSIVE,
            new DefaultBodyDescriptorBuilder(null, FIELDS, DecodeMonitor.SILENT));
        parser.setRecursionMode(RecursionMode.M_NO_RECURSE);
        parser.parse(offsets);

        HeaderImpl header = new HeaderImpl();
        EntityState state = parser.next();
        while (state != EntityState.T_BODY && state != EntityState.T_START_MULTIPART
                && state != EntityState.T_END_OF_STREAM) {
            if (state == EntityState.T_FIELD) {
                header.addField(parser.getField());
            }
            state = parser.next();
        }
        MaximalBodyDescriptor descriptor = (MaximalBodyDescriptor) parser.getBodyDescriptor();
        PropertyBuilder properties = describe(descriptor);
        if ("text".equalsIgnoreCase(properties.build().getMediaType()) && state == EntityState.T_BODY) {
            properties.setTextualLineCount(textLines(parser));
        }
        // No empty line after the header: James stores the whole message as body, from octet 0.
        int bodyStart = (int) Math.max(0, offsets.getBodyStartOffset());
        return new ArrivingMessage(content, bodyStart, properties, header);
    }

    int size() {
        return content.length;
    }

    HeaderImpl header() {
        return header;
    }

    MailboxMessage toMailboxMessage(MessageId messageId, ThreadId threadId, MailboxId mailboxId, Date internalDate,
                                    Date saveDate, Flags flags) {
        return new SimpleMailboxMessage(messageId, threadId, internalDate, content.length, bodyStartOctet,
            new ByteContent(content), flags, properties.build(), mailboxId, List.of(), Optional.of(saveDate));
    }

    private static PropertyBuilder describe(MaximalBodyDescriptor descriptor) {
        PropertyBuilder properties = new PropertyBuilder();
        boolean typed = descriptor.getMediaType() != null;
        String mediaType = typed ? descriptor.getMediaType() : "text";
        properties.setMediaType(mediaType);
        properties.setSubType(typed ? descriptor.getSubType() : "plain");
        properties.setContentID(descriptor.getContentId());
        properties.setContentDescription(descriptor.getContentDescription());
        properties.setContentLocation(descriptor.getContentLocation());
        properties.setContentMD5(descriptor.getContentMD5Raw());
        properties.setContentTransferEncoding(descriptor.getTransferEncoding());
        properties.setContentLanguage(descriptor.getContentLanguage());
        properties.setContentDispositionType(descriptor.getContentDispositionType());
        properties.setContentDispositionParameters(descriptor.getContentDispositionParameters());
        properties.setContentTypeParameters(descriptor.getContentTypeParameters());
        if (descriptor.getCharset() != null) {
            properties.setCharset(descriptor.getCharset());
        } else if ("text".equalsIgnoreCase(mediaType)) {
            properties.setCharset("us-ascii"); // RFC 2045's default, which BODYSTRUCTURE states
        }
        return properties;
    }

    /** Lines of the body and of what follows it, counted at each CR as James' store counts them. */
    private static long textLines(MimeTokenStream parser) throws IOException, MimeException {
        long lines = countLines(parser.getInputStream());
        if (parser.next() == EntityState.T_EPILOGUE) {
            lines += countLines(parser.getInputStream());
        }
        return lines;
    }

    private static long countLines(InputStream part) throws IOException {
        try (CountingInputStream counting = new CountingInputStream(part)) {
            counting.readAll();
            return counting.getLineCount();
        }
    }
}
