package vn.congvu.mail.authentication;

import java.util.List;
import java.util.Locale;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * The {@code Authentication-Results} header (RFC 8601) of one authserv-id: headers from outside that claim it are
 * forged and removed (RFC 8601 section 5) before ours is added; those of other servers stay.
 */
final class AuthenticationResults {
    static final String HEADER = "Authentication-Results";

    private AuthenticationResults() {
    }

    /** Removes every header naming {@code authservId}; returns how many there were. */
    static int removeClaimsOf(MimeMessage message, String authservId) throws MessagingException {
        String[] values = message.getHeader(HEADER);
        if (values == null) {
            return 0;
        }
        int forged = 0;
        for (String value : values) {
            if (authservId(value).equalsIgnoreCase(authservId)) {
                forged++;
            }
        }
        if (forged > 0) {
            message.removeHeader(HEADER);
            for (String value : values) {
                if (!authservId(value).equalsIgnoreCase(authservId)) {
                    message.addHeader(HEADER, value);
                }
            }
        }
        return forged;
    }

    /** The authserv-id of a header value: its first token, before any version and the first ";", comments left out. */
    static String authservId(String value) {
        String text = value.replaceAll("\\([^)]*\\)", " ").strip();
        int end = 0;
        while (end < text.length() && text.charAt(end) != ';' && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** {@code authserv-id; dkim=pass header.d=… header.s=…; …}, or {@code dkim=none} without signatures. */
    static String value(String authservId, List<DkimResult> results) {
        StringBuilder value = new StringBuilder(authservId);
        if (results.isEmpty()) {
            return value.append("; dkim=none").toString();
        }
        for (DkimResult result : results) {
            value.append(";\r\n\tdkim=").append(result.outcome());
            if (result.reason() != null) {
                // a comment may not nest parentheses or break lines
                value.append(" (").append(result.reason().replaceAll("[()\\\\\\s]+", " ").strip()).append(')');
            }
            if (result.domain() != null) {
                value.append(" header.d=").append(result.domain());
            }
            if (result.selector() != null) {
                value.append(" header.s=").append(result.selector());
            }
        }
        return value.toString();
    }
}
