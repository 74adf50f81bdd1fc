package vn.congvu.directory.text;

import java.text.Normalizer;
import java.util.Map;

/**
 * Turns any text into text GSM-7 can carry: Vietnamese without diacritics, typographic punctuation
 * as its ASCII look-alike, and '?' for what has no GSM-7 form (then the text has lost meaning).
 * Shared by the gateway's encoder and the mail server's directive alerts, so an alert written to fit one
 * SMS is the text the gateway sends.
 */
public final class GsmTransliteration {

    public static final char UNMAPPABLE = '?';

    // What Word, phones and copy-paste put into otherwise plain text.
    private static final Map<Character, String> LOOKALIKES = Map.ofEntries(
            Map.entry('\u2018', "'"), Map.entry('\u2019', "'"), Map.entry('\u201A', "'"),
            Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""),
            Map.entry('\u00AB', "\""), Map.entry('\u00BB', "\""),
            Map.entry('\u2013', "-"), Map.entry('\u2014', "-"), Map.entry('\u2212', "-"),
            Map.entry('\u2026', "..."), Map.entry('\u00A0', " "), Map.entry('\u2022', "-"),
            Map.entry('\t', " "));

    /** @param lost the characters that became '?', for telling the sender */
    public record Result(String text, boolean lossy, String lost) {
    }

    private GsmTransliteration() {
    }

    public static Result transliterate(String text) {
        String bare = VietnameseDiacritics.strip(text);
        StringBuilder out = new StringBuilder(bare.length());
        boolean lossy = false;
        StringBuilder lost = new StringBuilder();
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (Gsm7Alphabet.septets(c) != null) {
                out.append(c);
                continue;
            }
            String lookalike = LOOKALIKES.get(c);
            if (lookalike != null) {
                out.append(lookalike);
                continue;
            }
            // Other accented Latin letters (foreign names): their base letter keeps the meaning.
            String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "");
            if (base.length() == 1 && Gsm7Alphabet.septets(base.charAt(0)) != null) {
                out.append(base);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < bare.length() && Character.isLowSurrogate(bare.charAt(i + 1))) {
                lost.append(c);
                c = bare.charAt(++i); // one '?' for an emoji, not two
            }
            lost.append(c);
            out.append(UNMAPPABLE);
            lossy = true;
        }
        return new Result(out.toString(), lossy, lost.toString());
    }
}
