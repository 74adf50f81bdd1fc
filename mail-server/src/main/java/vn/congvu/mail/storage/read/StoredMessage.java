package vn.congvu.mail.storage.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.mail.Flags;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.model.AttachmentId;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageAttachmentMetadata;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.ParsedAttachment;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.mail.model.impl.Properties;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;

/**
 * A message row read by {@link StoredMessages} for IMAP to read: what James' JPA entity holds, without the
 * entity. The MIME properties (only BODYSTRUCTURE asks for them), the attachments, and header and body when the
 * fetch type left them out, are read when first asked for.
 * Like the JPA entity, it has no stable message id (JPA mailboxes do not keep one).
 */
final class StoredMessage extends SimpleMailboxMessage {
    private final String mediaType;
    private final String subType;
    private final Long textualLineCount;
    private final Supplier<Properties> properties;
    private final Supplier<List<MessageAttachmentMetadata>> attachments;
    private final Supplier<byte[]> header;
    private final Supplier<byte[]> body;

    /**
     * {@code parts} reads header and body when the fetch left them out: James copies and moves messages it read
     * as METADATA, counting, as with the JPA entity, on the content being loaded when asked for.
     */
    StoredMessage(Row row, Flags flags, MailboxId mailboxId, Supplier<Properties> properties, Supplier<byte[][]> parts) {
        this(new DefaultMessageId(), row, flags, mailboxId, properties, new Parts(row, parts));
    }

    private StoredMessage(MessageId messageId, Row row, Flags flags, MailboxId mailboxId, Supplier<Properties> properties,
                          Parts parts) {
        super(messageId, new ThreadId(messageId), row.internalDate, row.size, row.bodyStart,
            parts, flags, new Properties(List.of(), row.textualLineCount), mailboxId);
        setUid(MessageUid.of(row.uid));
        setModSeq(ModSeq.of(row.modSeq));
        this.mediaType = row.mediaType;
        this.subType = row.subType;
        this.textualLineCount = row.textualLineCount;
        this.header = parts.header;
        this.body = parts.body;
        this.properties = Suppliers.memoize(properties::get);
        this.attachments = Suppliers.memoize(this::parseAttachments);
    }

    /**
     * Each part its own stream, as the JPA entity gives them, rather than a skip into the whole content. A part
     * read late from a message deleted meanwhile is an IOException, which James answers per message.
     */
    @Override
    public InputStream getHeaderContent() throws IOException {
        return new ByteArrayInputStream(read(header));
    }

    @Override
    public InputStream getBodyContent() throws IOException {
        return new ByteArrayInputStream(read(body));
    }

    @Override
    public InputStream getFullContent() throws IOException {
        return new SequenceInputStream(getHeaderContent(), getBodyContent());
    }

    private static byte[] read(Supplier<byte[]> part) throws IOException {
        try {
            return part.get();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public Properties getProperties() {
        return properties.get();
    }

    @Override
    public String getMediaType() {
        return mediaType;
    }

    @Override
    public String getSubType() {
        return subType;
    }

    @Override
    public Long getTextualLineCount() {
        return textualLineCount;
    }

    @Override
    public List<MessageAttachmentMetadata> getAttachments() {
        return attachments.get();
    }

    /** As the JPA entity names them: mailbox, UID and position, so the ids are the same on every read. */
    private List<MessageAttachmentMetadata> parseAttachments() {
        try {
            MessageParser.ParsingResult parsed = new MessageParser().retrieveAttachments(getFullContent());
            try {
                AtomicInteger position = new AtomicInteger();
                ImmutableList.Builder<MessageAttachmentMetadata> result = ImmutableList.builder();
                for (ParsedAttachment attachment : parsed.getAttachments()) {
                    result.add(attachment.asMessageAttachment(AttachmentId.from(
                        getMailboxId().serialize() + "-" + getUid().asLong() + "-" + position.incrementAndGet()),
                        getMessageId()));
                }
                return result.build();
            } finally {
                parsed.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the attachments of message " + getUid() + " failed", e);
        }
    }

    /** The columns of one JAMES_MAIL row; header and body are null when the fetch did not ask for them. */
    static final class Row {
        long uid;
        long modSeq;
        Date internalDate;
        long size;
        int bodyStart;
        String mediaType;
        String subType;
        Long textualLineCount;
        byte[] header;
        byte[] body;
    }

    /** Header then body, each read from the row or, if the fetch left it out, when first asked for. */
    private static final class Parts implements Content {
        private final long size;
        private final Supplier<byte[]> header;
        private final Supplier<byte[]> body;

        Parts(Row row, Supplier<byte[][]> stored) {
            Supplier<byte[][]> once = Suppliers.memoize(stored::get);
            this.size = row.size;
            this.header = row.header != null ? () -> row.header : () -> once.get()[0];
            this.body = row.body != null ? () -> row.body : () -> once.get()[1];
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return new SequenceInputStream(new ByteArrayInputStream(read(header)), new ByteArrayInputStream(read(body)));
        }

        @Override
        public long size() {
            return size;
        }
    }
}
