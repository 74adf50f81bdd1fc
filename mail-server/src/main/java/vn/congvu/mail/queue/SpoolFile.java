package vn.congvu.mail.queue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The on-disk form of one queued mail: a format line, the envelope as one line of JSON (name, state, sender,
 * recipients, error message, remote host and address, last update, next delivery, attributes as James' JSON
 * attribute values, per-recipient headers), then the message exactly as received. The message is read back
 * lazily from the file, so a large mail is never held in memory by the queue.
 */
final class SpoolFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(SpoolFile.class);
    private static final byte[] FORMAT = "CONGVU-QUEUE/1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ENVELOPE = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the queue keeps in memory about a stored mail, read from its envelope only. */
    record Envelope(String name, MaybeSender sender, List<MailAddress> recipients, long nextDeliveryMillis) {
    }

    private SpoolFile() {
    }

    static void write(Mail mail, long nextDeliveryMillis, OutputStream out) throws IOException, MessagingException {
        out.write(FORMAT);
        out.write(JSON.writeValueAsBytes(envelope(mail, nextDeliveryMillis)));
        out.write('\n');
        MimeMessage message = mail.getMessage();
        if (message != null) {
            message.writeTo(out);
        }
    }

    private static ObjectNode envelope(Mail mail, long nextDeliveryMillis) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("name", mail.getName());
        envelope.put("state", mail.getState());
        envelope.put("sender", mail.getMaybeSender().asString(""));
        ArrayNode recipients = envelope.putArray("recipients");
        mail.getRecipients().forEach(recipient -> recipients.add(recipient.asString()));
        envelope.put("errorMessage", mail.getErrorMessage());
        envelope.put("remoteHost", mail.getRemoteHost());
        envelope.put("remoteAddr", mail.getRemoteAddr());
        Optional.ofNullable(mail.getLastUpdated()).ifPresent(date -> envelope.put("lastUpdated", date.getTime()));
        envelope.put("nextDelivery", nextDeliveryMillis);
        ObjectNode attributes = envelope.putObject("attributes");
        mail.attributes().forEach(attribute -> {
            Optional<JsonNode> value = attribute.getValue().toJson();
            if (value.isPresent()) {
                attributes.set(attribute.getName().asString(), value.get());
            } else {
                // James' own queues drop these too: only JSON-serialisable attribute values survive a queue.
                LOGGER.warn("Mail {}: attribute {} has no JSON form and is not queued", mail.getName(),
                    attribute.getName().asString());
            }
        });
        ArrayNode headers = envelope.putArray("perRecipientHeaders");
        PerRecipientHeaders perRecipient = mail.getPerRecipientSpecificHeaders();
        perRecipient.getHeadersByRecipient().forEach((recipient, header) -> headers.addObject()
            .put("recipient", recipient.asString()).put("name", header.getName()).put("value", header.getValue()));
        return envelope;
    }

    /** The envelope only, without touching the message. */
    static Envelope readEnvelope(Path file) throws IOException {
        JsonNode envelope = envelopeJson(file).json();
        return new Envelope(envelope.path("name").asText(), sender(envelope), recipients(envelope),
            envelope.path("nextDelivery").asLong(0));
    }

    /** The whole mail; its message stays in the file and is read when first asked for. */
    static Mail read(Path file) throws IOException {
        Head head = envelopeJson(file);
        JsonNode envelope = head.json();
        try {
            MailImpl.Builder builder = MailImpl.builder()
                .name(envelope.path("name").asText())
                .sender(sender(envelope))
                .addRecipients(recipients(envelope))
                .state(text(envelope, "state"))
                .errorMessage(text(envelope, "errorMessage"))
                .remoteHost(text(envelope, "remoteHost"))
                .remoteAddr(text(envelope, "remoteAddr"));
            if (envelope.hasNonNull("lastUpdated")) {
                builder.lastUpdated(new Date(envelope.get("lastUpdated").asLong()));
            }
            Iterator<Map.Entry<String, JsonNode>> attributes = envelope.path("attributes").fields();
            while (attributes.hasNext()) {
                Map.Entry<String, JsonNode> attribute = attributes.next();
                builder.addAttribute(new Attribute(AttributeName.of(attribute.getKey()), AttributeValue.fromJson(attribute.getValue())));
            }
            for (JsonNode header : envelope.path("perRecipientHeaders")) {
                builder.addHeaderForRecipient(PerRecipientHeaders.Header.builder()
                        .name(header.path("name").asText()).value(header.path("value").asText()).build(),
                    new MailAddress(header.path("recipient").asText()));
            }
            long size = Files.size(file) - head.messageOffset();
            if (size > 0) {
                builder.mimeMessage(new MimeMessageWrapper(new SpoolMessageSource(file, head.messageOffset(), size)));
            }
            return builder.build();
        } catch (MessagingException | RuntimeException e) {
            throw new IOException("Unreadable queued mail " + file + ": " + e.getMessage(), e);
        }
    }

    private record Head(JsonNode json, long messageOffset) {
    }

    private static Head envelopeJson(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            byte[] format = in.readNBytes(FORMAT.length);
            if (!Arrays.equals(format, FORMAT)) {
                throw new IOException("Not a CongVu queue file: " + file);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0 || line.size() > MAX_ENVELOPE) {
                    throw new IOException("Truncated queue file: " + file);
                }
                line.write(b);
            }
            return new Head(JSON.readTree(line.toByteArray()), FORMAT.length + line.size() + 1L);
        }
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode value = envelope.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static MaybeSender sender(JsonNode envelope) {
        return MaybeSender.getMailSender(envelope.path("sender").asText(""));
    }

    private static List<MailAddress> recipients(JsonNode envelope) throws IOException {
        List<MailAddress> recipients = new ArrayList<>();
        for (JsonNode recipient : envelope.path("recipients")) {
            try {
                recipients.add(new MailAddress(recipient.asText()));
            } catch (AddressException e) {
                throw new IOException("Queued recipient is not an address: " + recipient.asText(), e);
            }
        }
        return recipients;
    }
}
