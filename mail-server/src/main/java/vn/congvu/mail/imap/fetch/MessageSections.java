package vn.congvu.mail.imap.fetch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.imap.api.message.SectionType;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.ContentTypeFieldLenientImpl;
import org.apache.james.mime4j.stream.RawField;

/**
 * The octets of a numbered section of a message, {@code BODY[2.1]}, {@code BODY[2.1.HEADER]} and the like (RFC 3501
 * 6.4.5), read from the message as stored. A part of type message/rfc822 numbers the parts of the message it
 * encapsulates, so a letter forwarded as an attachment of a forwarded letter is {@code 2.2}, its text
 * {@code 2.2.TEXT}, its first part {@code 2.2.1}. Numbering follows Dovecot's where RFC 3501 leaves room: a part
 * that is not multipart is its own part 1; a missing part, or HEADER and TEXT of a part that is not
 * message/rfc822, is an empty string; MIME of an encapsulated message's only part is that message's header.
 */
final class MessageSections {
    private static final byte[] NONE = {};

    private final byte[] message;

    MessageSections(byte[] message) {
        this.message = message;
    }

    /** The section's octets; empty when the message has no such section. */
    byte[] section(int[] path, SectionType type, Collection<String> fieldNames) {
        Entity part = part(path);
        if (part == null) {
            return NONE;
        }
        switch (type) {
            case CONTENT:
                return copy(part.bodyStart, part.end);
            case MIME:
                return copy(part.start, part.bodyStart);
            default:
                break;
        }
        if (!part.encapsulatesMessage()) {
            return NONE;
        }
        Entity encapsulated = encapsulated(part);
        switch (type) {
            case HEADER:
                return copy(encapsulated.start, encapsulated.bodyStart);
            case TEXT:
                return copy(encapsulated.bodyStart, encapsulated.end);
            case HEADER_FIELDS:
                return fields(encapsulated, fieldNames, true);
            case HEADER_NOT_FIELDS:
                return fields(encapsulated, fieldNames, false);
            default:
                return NONE;
        }
    }

    /** The part a non-empty path names, or null. */
    private Entity part(int[] path) {
        Entity part = entity(0, message.length, "text/plain");
        for (int at = 0; at < path.length && part != null; at++) {
            boolean deeper = at < path.length - 1;
            if (part.multipart()) {
                List<Entity> parts = parts(part);
                part = path[at] >= 1 && path[at] <= parts.size() ? parts.get(path[at] - 1) : null;
            } else if (path[at] != 1 || (deeper && !part.encapsulatesMessage())) {
                part = null;
            }
            if (part != null && deeper && part.encapsulatesMessage()) {
                part = encapsulated(part);
            }
        }
        return part;
    }

    private Entity encapsulated(Entity part) {
        return entity(part.bodyStart, part.end, "text/plain");
    }

    /** The body parts of a multipart entity: between its delimiter lines, each without the line break before the next. */
    private List<Entity> parts(Entity multipart) {
        byte[] delimiter = ("--" + multipart.boundary).getBytes(StandardCharsets.ISO_8859_1);
        String childType = "multipart/digest".equals(multipart.mimeType) ? "message/rfc822" : "text/plain";
        List<Entity> parts = new ArrayList<>();
        int partStart = -1;
        int line = multipart.bodyStart;
        while (line < multipart.end) {
            int next = lineAfter(line, multipart.end);
            Delimiter found = delimiter(line, next, delimiter);
            if (found != Delimiter.NONE) {
                if (partStart >= 0) {
                    parts.add(entity(partStart, Math.max(partStart, breakBefore(line)), childType));
                }
                if (found == Delimiter.CLOSE) {
                    return parts;
                }
                partStart = next;
            }
            line = next;
        }
        if (partStart >= 0) {
            parts.add(entity(partStart, multipart.end, childType));
        }
        return parts;
    }

    private enum Delimiter { NONE, PART, CLOSE }

    /** A delimiter line is "--boundary" or "--boundary--", then only white space. */
    private Delimiter delimiter(int line, int next, byte[] delimiter) {
        if (next - line < delimiter.length || !Arrays.equals(message, line, line + delimiter.length, delimiter, 0, delimiter.length)) {
            return Delimiter.NONE;
        }
        int rest = line + delimiter.length;
        boolean close = rest + 1 < next && message[rest] == '-' && message[rest + 1] == '-';
        for (int at = close ? rest + 2 : rest; at < next; at++) {
            if (message[at] != ' ' && message[at] != '\t' && message[at] != '\r' && message[at] != '\n') {
                return Delimiter.NONE;
            }
        }
        return close ? Delimiter.CLOSE : Delimiter.PART;
    }

    /** Where a line's preceding line break starts: it belongs to the delimiter that follows it. */
    private int breakBefore(int line) {
        if (line >= 2 && message[line - 2] == '\r' && message[line - 1] == '\n') {
            return line - 2;
        }
        return line >= 1 && message[line - 1] == '\n' ? line - 1 : line;
    }

    private int lineAfter(int from, int end) {
        for (int at = from; at < end; at++) {
            if (message[at] == '\n') {
                return at + 1;
            }
        }
        return end;
    }

    /** An entity from {@code start} to {@code end}: its header runs to the first empty line (included). */
    private Entity entity(int start, int end, String defaultType) {
        int bodyStart = end;
        String contentType = null;
        int line = start;
        while (line < end) {
            int next = lineAfter(line, end);
            if (message[line] == '\n' || (message[line] == '\r' && line + 1 < end && message[line + 1] == '\n')) {
                bodyStart = next;
                break;
            }
            if (contentType == null && isField(line, next, "content-type")) {
                contentType = unfoldedValue(line, end);
            }
            line = next;
        }
        ContentTypeField field = contentType == null ? null
            : ContentTypeFieldLenientImpl.PARSER.parse(new RawField("Content-Type", contentType), DecodeMonitor.SILENT);
        String mimeType = field == null || field.getMimeType() == null ? defaultType : field.getMimeType().toLowerCase(Locale.ROOT);
        return new Entity(start, bodyStart, end, mimeType, field == null ? null : field.getBoundary());
    }

    private boolean isField(int line, int next, String name) {
        int colon = line + name.length();
        return colon < next && message[colon] == ':'
            && new String(message, line, name.length(), StandardCharsets.ISO_8859_1).equalsIgnoreCase(name);
    }

    /** A field's value with its continuation lines joined. */
    private String unfoldedValue(int line, int end) {
        StringBuilder value = new StringBuilder();
        int next = lineAfter(line, end);
        int colon = line;
        while (message[colon] != ':') {
            colon++;
        }
        value.append(new String(message, colon + 1, next - colon - 1, StandardCharsets.ISO_8859_1).strip());
        while (next < end && (message[next] == ' ' || message[next] == '\t')) {
            int after = lineAfter(next, end);
            value.append(' ').append(new String(message, next, after - next, StandardCharsets.ISO_8859_1).strip());
            next = after;
        }
        return value.toString();
    }

    /** The header's fields named (or, with {@code wanted} false, not named) in the list, as written, then an empty line. */
    private byte[] fields(Entity entity, Collection<String> names, boolean wanted) {
        Set<String> listed = names.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int line = entity.start;
        while (line < entity.bodyStart) {
            int next = lineAfter(line, entity.bodyStart);
            if (message[line] == '\r' || message[line] == '\n') {
                break;
            }
            int fieldEnd = next;
            while (fieldEnd < entity.bodyStart && (message[fieldEnd] == ' ' || message[fieldEnd] == '\t')) {
                fieldEnd = lineAfter(fieldEnd, entity.bodyStart);
            }
            if (listed.contains(fieldName(line, next)) == wanted) {
                kept.write(message, line, fieldEnd - line);
            }
            line = fieldEnd;
        }
        kept.writeBytes(new byte[] {'\r', '\n'});
        return kept.toByteArray();
    }

    /** A field's name in lower case; a line without a colon has a name no list contains. */
    private String fieldName(int line, int next) {
        for (int at = line; at < next; at++) {
            if (message[at] == ':') {
                return new String(message, line, at - line, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private byte[] copy(int from, int to) {
        return Arrays.copyOfRange(message, from, to);
    }

    /** Offsets into the message: header from {@code start}, body from {@code bodyStart} to {@code end}. */
    private record Entity(int start, int bodyStart, int end, String mimeType, String boundary) {
        boolean multipart() {
            return mimeType.startsWith("multipart/") && boundary != null && !boundary.isEmpty();
        }

        boolean encapsulatesMessage() {
            return "message/rfc822".equals(mimeType);
        }
    }
}
