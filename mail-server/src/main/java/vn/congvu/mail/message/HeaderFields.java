package vn.congvu.mail.message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A field of a message header as written: the first one of a name, its continuation lines joined. */
public final class HeaderFields {
    private HeaderFields() {
    }

    public static Optional<String> unfoldedValue(byte[] header, String name) {
        String text = new String(header, StandardCharsets.UTF_8);
        int line = 0;
        while (line < text.length()) {
            int next = lineAfter(text, line);
            if (text.charAt(line) == '\r' || text.charAt(line) == '\n') {
                return Optional.empty();
            }
            int colon = line + name.length();
            if (colon < next && text.charAt(colon) == ':' && text.regionMatches(true, line, name, 0, name.length())) {
                StringBuilder value = new StringBuilder(text.substring(colon + 1, next).strip());
                while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
                    int after = lineAfter(text, next);
                    value.append(' ').append(text.substring(next, after).strip());
                    next = after;
                }
                return Optional.of(value.toString());
            }
            line = next;
        }
        return Optional.empty();
    }

    private static int lineAfter(String text, int from) {
        int lineFeed = text.indexOf('\n', from);
        return lineFeed < 0 ? text.length() : lineFeed + 1;
    }
}
