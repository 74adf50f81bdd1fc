package vn.congvu.directory.signin;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-time codes an official keeps on paper for when the phone with the authenticator is lost: ten of them,
 * each 10 characters (about 49 bits) shown as {@code abcde-fghjk}, from an alphabet without look-alikes (no 0/o,
 * 1/l/i). Typed back in any case, with or without the hyphen and spaces.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    /** {@link #COUNT} new codes, as shown to the official. */
    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder(LENGTH + 1);
            for (int c = 0; c < LENGTH; c++) {
                if (c == LENGTH / 2) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The form that is hashed and compared: lower case, no hyphen, no spaces. */
    static String normalise(String typed) {
        return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    /** Whether a typed text has the shape of a recovery code (a 6-digit TOTP code never has). */
    static boolean looksLikeOne(String typed) {
        return normalise(typed).length() == LENGTH;
    }
}
