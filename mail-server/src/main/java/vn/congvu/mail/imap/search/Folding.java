package vn.congvu.mail.imap.search;

import java.text.Normalizer;

/**
 * The two forms text is compared in. Exact: NFC, each character lower-cased (IMAP's case-insensitive match, and
 * the same text whether a client sent it composed or decomposed). Loose: exact, then Vietnamese (and any Latin)
 * letters without their marks and đ as d, so "chi dao" finds "Chỉ đạo": officials often type without diacritics.
 * Both map each character on its own, so a substring of the text stays a substring of its form.
 */
final class Folding {
    private static final char[] LOOSE = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            LOOSE[c] = looseOf((char) c);
        }
    }

    private Folding() {
    }

    static String exact(String text) {
        String composed = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        char[] chars = composed.toCharArray();
        for (int at = 0; at < chars.length; at++) {
            chars[at] = Character.toLowerCase(chars[at]);
        }
        return new String(chars);
    }

    static String loose(String text) {
        String exact = exact(text);
        StringBuilder loose = new StringBuilder(exact.length());
        for (int at = 0; at < exact.length(); at++) {
            char c = exact.charAt(at);
            // a mark left uncomposed by NFC (after a consonant) is dropped as the composed ones are
            if (!isMark(c)) {
                loose.append(LOOSE[c]);
            }
        }
        return loose.toString();
    }

    /** Whether the query is typed with marks: then it is matched exactly, as RFC 3501 says. */
    static boolean hasMarks(String query) {
        return !exact(query).equals(loose(query));
    }

    private static boolean isMark(char c) {
        return Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static char looseOf(char c) {
        char lower = Character.toLowerCase(c);
        if (lower == '\u0111') {
            return 'd';
        }
        if (lower < 0x80 || Character.isSurrogate(lower)) {
            return lower;
        }
        String decomposed = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
        for (int at = 1; at < decomposed.length(); at++) {
            if (!isMark(decomposed.charAt(at))) {
                return lower; // not a letter with marks (e.g. a Hangul syllable): kept as it is
            }
        }
        return decomposed.charAt(0);
    }
}
