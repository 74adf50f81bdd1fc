package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.MimeUtil;
import org.jsoup.Jsoup;

/**
 * What SEARCH reads of a message: its header fields unfolded and RFC 2047-decoded, and the text of its text/* parts
 * decoded from their transfer encoding and charset, HTML reduced to its text as James' Jsoup extractor does.
 */
record MessageText(List<HeaderValue> headers, List<String> bodies) {

    record HeaderValue(String name, String value) {
    }

    static MessageText read(InputStream message) throws IOException {
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        stream.setRecursionMode(RecursionMode.M_RECURSE);
        stream.parse(message);
        List<HeaderValue> headers = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        boolean inTopHeader = true;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_FIELD && inTopHeader) {
                    Field field = stream.getField();
                    headers.add(new HeaderValue(field.getName().toLowerCase(Locale.ROOT), decoded(field)));
                } else if (state == EntityState.T_END_HEADER) {
                    inTopHeader = false;
                } else if (state == EntityState.T_BODY) {
                    BodyDescriptor part = stream.getBodyDescriptor();
                    if (part.getMimeType().toLowerCase(Locale.ROOT).startsWith("text/")) {
                        bodies.add(text(part, stream.getDecodedInputStream().readAllBytes()));
                    }
                }
            }
        } catch (MimeException unreadable) {
            // what was read before stays searchable; a permissive parser seldom gets here
        }
        return new MessageText(headers, bodies);
    }

    private static String decoded(Field field) {
        String body = field.getRaw() == null ? field.getBody() : bodyOf(field.getRaw().toByteArray());
        String raw = body == null ? "" : MimeUtil.unfold(body);
        return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT).strip();
    }

    /** A field's value from its octets: unencoded 8-bit text in a header is UTF-8 when it reads as UTF-8. */
    private static String bodyOf(byte[] raw) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException notUtf8) {
            line = new String(raw, StandardCharsets.ISO_8859_1);
        }
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(colon + 1);
    }

    private static String text(BodyDescriptor part, byte[] content) {
        String decoded = new String(content, charset(part.getCharset()));
        return part.getMimeType().equalsIgnoreCase("text/html") ? Jsoup.parse(decoded).text() : decoded;
    }

    /** The declared charset; UTF-8 when none is declared (ASCII is its subset) or it is unknown. */
    private static Charset charset(String declared) {
        if (declared == null || declared.isBlank() || declared.equalsIgnoreCase("us-ascii")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(declared.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
