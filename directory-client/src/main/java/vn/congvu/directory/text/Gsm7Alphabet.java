package vn.congvu.directory.text;

import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet and its extension table, one septet per octet (unpacked), which is how
 * SMPP carries data_coding 0 to the SMSC.
 */
public final class Gsm7Alphabet {

    static final int ESCAPE = 0x1B;

    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final Map<Character, Integer> BASIC_CODE = new HashMap<>();
    private static final Map<Character, Integer> EXTENSION_CODE = Map.of(
            '\f', 0x0A, '^', 0x14, '{', 0x28, '}', 0x29, '\\', 0x2F,
            '[', 0x3C, '~', 0x3D, ']', 0x3E, '|', 0x40, '€', 0x65);

    static {
        for (int i = 0; i < BASIC.length(); i++) {
            if (i != ESCAPE) {
                BASIC_CODE.put(BASIC.charAt(i), i);
            }
        }
    }

    private Gsm7Alphabet() {
    }

    /** The septets of one character (one, or two for the extension table), or null when GSM-7 cannot carry it. */
    public static byte[] septets(char c) {
        Integer basic = BASIC_CODE.get(c);
        if (basic != null) {
            return new byte[] {basic.byteValue()};
        }
        Integer extension = EXTENSION_CODE.get(c);
        if (extension != null) {
            return new byte[] {ESCAPE, extension.byteValue()};
        }
        return null;
    }

    /** How many septets the text takes (extension characters count two); -1 when GSM-7 cannot carry it. */
    public static int length(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            byte[] s = septets(text.charAt(i));
            if (s == null) {
                return -1;
            }
            septets += s.length;
        }
        return septets;
    }

    public static boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) == null) {
                return false;
            }
        }
        return true;
    }

    /** Reads unpacked septets back to text (receipts, tests). */
    public static String decode(byte[] septets) {
        StringBuilder out = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int s = septets[i] & 0x7F;
            if (s == ESCAPE && i + 1 < septets.length) {
                int e = septets[++i] & 0x7F;
                char found = '?';
                for (Map.Entry<Character, Integer> entry : EXTENSION_CODE.entrySet()) {
                    if (entry.getValue() == e) {
                        found = entry.getKey();
                    }
                }
                out.append(found);
            } else {
                out.append(BASIC.charAt(s));
            }
        }
        return out.toString();
    }
}
