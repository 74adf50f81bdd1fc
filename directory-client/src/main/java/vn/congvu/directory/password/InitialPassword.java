package vn.congvu.directory.password;

import java.security.SecureRandom;

/**
 * Random initial passwords and their {SSHA} hashes for userPassword.
 *
 * <p>{SSHA} because every LDAP server verifies it without extra modules (OpenLDAP, 389-DS, the embedded server).
 * Its speed does not weaken these passwords: 16 random characters from 56 symbols are ~93 bits, beyond any
 * brute force. Officials replace them at first use; the server then hashes with its own configured scheme.
 */
public final class InitialPassword {

    /** No 0/O, 1/l/I: the password is read off a sheet and typed on a phone. */
    private static final String LOWER = "abcdefghijkmnpqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "@#%+=";
    private static final String ALL = LOWER + UPPER + DIGITS + SYMBOLS;
    public static final int LENGTH = 16;

    private final SecureRandom random = new SecureRandom();

    public String generate() {
        char[] p = new char[LENGTH];
        p[0] = pick(LOWER);
        p[1] = pick(UPPER);
        p[2] = pick(DIGITS);
        p[3] = pick(SYMBOLS);
        for (int i = 4; i < LENGTH; i++) {
            p[i] = pick(ALL);
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return new String(p);
    }

    /** The {SSHA} userPassword value of a password. */
    public String hash(String password) {
        return SaltedSha.SSHA.hash(password);
    }

    private char pick(String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
