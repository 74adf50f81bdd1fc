package vn.congvu.directory.text;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes Vietnamese text "không dấu": every letter with a tone mark or a vowel modifier becomes its bare
 * Latin letter, and đ/Đ become d/D.
 *
 * <p>The table is explicit because NFD-and-drop-marks leaves đ/Đ untouched (they are not composed letters);
 * NFD is only the fallback for stray combining marks the table cannot know about.
 */
public final class VietnameseDiacritics {

    private static final String[][] LETTERS = {
            {"a", "aàáảãạăằắẳẵặâầấẩẫậ"},
            {"A", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"},
            {"e", "eèéẻẽẹêềếểễệ"},
            {"E", "EÈÉẺẼẸÊỀẾỂỄỆ"},
            {"i", "iìíỉĩị"},
            {"I", "IÌÍỈĨỊ"},
            {"o", "oòóỏõọôồốổỗộơờớởỡợ"},
            {"O", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"},
            {"u", "uùúủũụưừứửữự"},
            {"U", "UÙÚỦŨỤƯỪỨỬỮỰ"},
            {"y", "yỳýỷỹỵ"},
            {"Y", "YỲÝỶỸỴ"},
            // U+00D0/U+00F0 (Icelandic eth) is what some keyboards and fonts give for Đ/đ.
            {"d", "dđð"},
            {"D", "DĐÐ"},
    };

    private static final Map<Character, Character> BARE = new HashMap<>();

    static {
        for (String[] row : LETTERS) {
            char bare = row[0].charAt(0);
            for (char c : row[1].toCharArray()) {
                BARE.put(c, bare);
            }
        }
    }

    private VietnameseDiacritics() {
    }

    /** The text without Vietnamese diacritics; characters that are not Vietnamese letters are left as they are. */
    public static String strip(String text) {
        // NFC first: text pasted from macOS or Word may carry decomposed tone marks.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            Character bare = BARE.get(c);
            if (bare != null) {
                out.append(bare.charValue());
            } else if (Character.getType(c) == Character.NON_SPACING_MARK && out.length() > 0
                    && isVietnameseBase(out.charAt(out.length() - 1))) {
                // a tone mark left over after NFC (e.g. on a letter that has no precomposed form): drop it
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the text contains a letter this class would change. */
    public static boolean hasDiacritics(String text) {
        return !strip(text).equals(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    private static boolean isVietnameseBase(char c) {
        return "aeiouyAEIOUYdD".indexOf(c) >= 0;
    }
}
