package vn.congvu.directory.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * {SSHA}, {SSHA256} and {SSHA512} userPassword values in the OpenLDAP layout: base64(digest(password + salt) + salt).
 *
 * <p>The one hasher of the project: the embedded server stores and verifies with it, the import writes initial
 * passwords with it. Values written by other tools are verified whatever their salt length (OpenLDAP uses 4 bytes);
 * new values get 8. A fresh MessageDigest per call: MessageDigest is not thread-safe and binds are concurrent.
 */
public enum SaltedSha {
    /** What clear-text passwords are stored as: {SSHA} is what OpenLDAP and 389-DS verify out of the box. */
    SSHA("{SSHA}", "SHA-1"),
    SSHA256("{SSHA256}", "SHA-256"),
    SSHA512("{SSHA512}", "SHA-512");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 8;

    private final String prefix;
    private final String algorithm;
    private final int digestLength;

    SaltedSha(String prefix, String algorithm) {
        this.prefix = prefix;
        this.algorithm = algorithm;
        this.digestLength = digest(algorithm).getDigestLength();
    }

    /** The scheme in braces, e.g. {@code {SSHA}}. */
    public String prefix() {
        return prefix;
    }

    public String algorithm() {
        return algorithm;
    }

    /** Whether a value (without prefix or base64) is long enough to hold a digest and a salt. */
    public boolean holdsASalt(byte[] encoded) {
        return encoded.length > digestLength;
    }

    /** The userPassword value for a clear-text password: the prefix and the base64 of digest + a new salt. */
    public String hash(String password) {
        return prefix + Base64.getEncoder().encodeToString(encode(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** digest(password + salt) + salt, with a new random salt; without prefix or base64. */
    public byte[] encode(byte[] clearPassword) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = digest(clearPassword, salt);
        byte[] encoded = Arrays.copyOf(hash, hash.length + salt.length);
        System.arraycopy(salt, 0, encoded, hash.length, salt.length);
        return encoded;
    }

    /** Whether digest + salt (without prefix or base64) is this password's; false when too short to hold a salt. */
    public boolean matches(byte[] clearPassword, byte[] encoded) {
        if (!holdsASalt(encoded)) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(encoded, digestLength, encoded.length);
        return MessageDigest.isEqual(digest(clearPassword, salt), Arrays.copyOf(encoded, digestLength));
    }

    /**
     * Whether a userPassword-style value ({@code {SSHA}base64}, {@code {SSHA256}…}, {@code {SSHA512}…}) is this
     * password's; false for any other scheme or a malformed value.
     */
    public static boolean verify(String password, String value) {
        if (value == null) {
            return false;
        }
        for (SaltedSha scheme : values()) {
            if (value.regionMatches(true, 0, scheme.prefix, 0, scheme.prefix.length())) {
                try {
                    byte[] encoded = Base64.getDecoder().decode(value.substring(scheme.prefix.length()).strip());
                    return scheme.matches(password.getBytes(StandardCharsets.UTF_8), encoded);
                } catch (IllegalArgumentException notBase64) {
                    return false;
                }
            }
        }
        return false;
    }

    private byte[] digest(byte[] password, byte[] salt) {
        MessageDigest md = digest(algorithm);
        md.update(password);
        md.update(salt);
        return md.digest();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
