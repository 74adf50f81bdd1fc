package vn.congvu.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One audit record as one line of JSON (a flat object of strings), and back. Every control character is escaped,
 * so nothing an attacker types as a login (a newline and a forged record) can start a line of its own.
 */
final class AuditJson {

    private static final String[] FIELDS = {"at", "process", "action", "actor", "subject", "source", "before",
            "after", "detail"};

    private AuditJson() {
    }

    static String line(AuditEvent e) {
        String[] values = {e.at().toString(), e.process(), e.action().wire(), e.actor(), e.subject(), e.source(),
                e.before(), e.after(), e.detail()};
        StringBuilder out = new StringBuilder(160).append('{');
        boolean first = true;
        for (int i = 0; i < FIELDS.length; i++) {
            if (values[i] == null) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, FIELDS[i]);
            out.append(':');
            string(out, values[i]);
        }
        return out.append('}').toString();
    }

    /** The record of a line this class wrote; empty for anything else (a line cut short by a crash, say). */
    static Optional<AuditEvent> read(String line) {
        Map<String, String> fields = parse(line);
        if (fields == null) {
            return Optional.empty();
        }
        Optional<AuditAction> action = AuditAction.ofWire(fields.getOrDefault("action", ""));
        String at = fields.get("at");
        if (action.isEmpty() || at == null || fields.get("process") == null || fields.get("actor") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuditEvent(Instant.parse(at), fields.get("process"), action.get(),
                    fields.get("actor"), fields.get("subject"), fields.get("source"), fields.get("before"),
                    fields.get("after"), fields.get("detail")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A flat object of string values, or null when the line is not one. */
    private static Map<String, String> parse(String line) {
        Map<String, String> fields = new HashMap<>();
        int[] pos = {skip(line, 0)};
        if (!expect(line, pos, '{')) {
            return null;
        }
        if (peek(line, pos) == '}') {
            pos[0]++;
            return skip(line, pos[0]) == line.length() ? fields : null;
        }
        while (true) {
            String key = string(line, pos);
            if (key == null || !expect(line, pos, ':')) {
                return null;
            }
            String value = string(line, pos);
            if (value == null) {
                return null;
            }
            fields.put(key, value);
            char next = peek(line, pos);
            pos[0]++;
            if (next == '}') {
                return skip(line, pos[0]) == line.length() ? fields : null;
            }
            if (next != ',') {
                return null;
            }
        }
    }

    private static String string(String line, int[] pos) {
        if (!expect(line, pos, '"')) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = pos[0]; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                pos[0] = i + 1;
                return s.toString();
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (++i >= line.length()) {
                return null;
            }
            switch (line.charAt(i)) {
                case '"' -> s.append('"');
                case '\\' -> s.append('\\');
                case '/' -> s.append('/');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    if (i + 4 >= line.length()) {
                        return null;
                    }
                    try {
                        s.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static boolean expect(String line, int[] pos, char c) {
        pos[0] = skip(line, pos[0]);
        if (pos[0] < line.length() && line.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }

    private static char peek(String line, int[] pos) {
        pos[0] = skip(line, pos[0]);
        return pos[0] < line.length() ? line.charAt(pos[0]) : 0;
    }

    private static int skip(String line, int i) {
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
