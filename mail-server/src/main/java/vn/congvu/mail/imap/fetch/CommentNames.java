package vn.congvu.mail.imap.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The display names an address header writes as comments: {@code user@domain (Real Name)}, the RFC 822 habit
 * James' envelope ignores (its name is NIL) and Dovecot reads as the name: the last non-empty comment after
 * the address. One entry per element of the envelope's address list for the header, in its order (group start,
 * mailboxes, group end), present only for a mailbox named that way.
 */
final class CommentNames {
    private final String value;
    private final List<Optional<String>> entries = new ArrayList<>();
    private int at;
    private boolean inGroup;
    private boolean written;
    private boolean angle;
    private String comment;

    private CommentNames(String value) {
        this.value = value;
    }

    /** {@code value}: the header's value, unfolded. */
    static List<Optional<String>> of(String value) {
        CommentNames names = new CommentNames(value);
        names.read();
        return names.entries;
    }

    private void read() {
        while (at < value.length()) {
            char next = value.charAt(at);
            switch (next) {
                case '"' -> {
                    at = quotedEnd(at);
                    written = true;
                }
                case '(' -> {
                    String text = commentText();
                    if (written && !text.isBlank()) {
                        comment = text.strip();
                    }
                }
                case '<' -> {
                    at = angleEnd(at);
                    written = true;
                    angle = true;
                }
                case ':' -> {
                    if (!inGroup) {
                        entries.add(Optional.empty());
                        inGroup = true;
                        forget();
                    }
                    at++;
                }
                case ',' -> {
                    finishMailbox();
                    at++;
                }
                case ';' -> {
                    finishMailbox();
                    if (inGroup) {
                        entries.add(Optional.empty());
                        inGroup = false;
                    }
                    at++;
                }
                default -> {
                    if (!Character.isWhitespace(next)) {
                        written = true;
                    }
                    at++;
                }
            }
        }
        finishMailbox();
    }

    private void finishMailbox() {
        if (written) {
            entries.add(angle ? Optional.empty() : Optional.ofNullable(comment));
        }
        forget();
    }

    private void forget() {
        written = false;
        angle = false;
        comment = null;
    }

    /** The index after a quoted string starting at {@code from}. */
    private int quotedEnd(int from) {
        int index = from + 1;
        while (index < value.length() && value.charAt(index) != '"') {
            index += value.charAt(index) == '\\' ? 2 : 1;
        }
        return Math.min(value.length(), index + 1);
    }

    private int angleEnd(int from) {
        int index = from + 1;
        while (index < value.length() && value.charAt(index) != '>') {
            index = value.charAt(index) == '"' ? quotedEnd(index) : index + 1;
        }
        return Math.min(value.length(), index + 1);
    }

    /** Reads the comment at {@link #at}: its text with nested comments kept and quoted pairs unescaped. */
    private String commentText() {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (at < value.length()) {
            char next = value.charAt(at++);
            if (next == '\\' && at < value.length()) {
                text.append(value.charAt(at++));
                continue;
            }
            if (next == '(') {
                depth++;
                if (depth == 1) {
                    continue;
                }
            } else if (next == ')') {
                depth--;
                if (depth == 0) {
                    break;
                }
            }
            text.append(next);
        }
        return text.toString();
    }
}
