package vn.congvu.mail.lookup;

/**
 * The text of a TXT record as written in a zone file or printed by a resolver: one or more quoted strings (a DKIM
 * key is longer than one 255-octet string) become their joined contents; an unquoted value is taken as it is.
 */
public final class TxtText {

    private TxtText() {
    }

    public static String of(String value) {
        String text = value.strip();
        if (!text.startsWith("\"")) {
            return text;
        }
        StringBuilder joined = new StringBuilder(text.length());
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (quoted && c == '\\' && i + 1 < text.length()) {
                joined.append(text.charAt(++i));
            } else if (quoted) {
                joined.append(c);
            }
        }
        return joined.toString();
    }
}
