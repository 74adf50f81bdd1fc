package vn.congvu.directory.password;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaltedShaTest {

    private static final byte[] PASSWORD = "Mật-khẩu-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void hashIsThePrefixAndBase64OfDigestThenAnEightByteSalt() throws Exception {
        String value = SaltedSha.SSHA.hash("Mật-khẩu-1");
        assertTrue(value.startsWith("{SSHA}"), value);
        byte[] raw = Base64.getDecoder().decode(value.substring("{SSHA}".length()));
        assertEquals(20 + 8, raw.length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(PASSWORD);
        sha1.update(raw, 20, 8);
        assertArrayEquals(sha1.digest(), java.util.Arrays.copyOf(raw, 20));
        assertNotEquals(value, SaltedSha.SSHA.hash("Mật-khẩu-1"), "a new salt each time");
    }

    /** OpenLDAP's slappasswd salts with 4 bytes: such values verify too. */
    @Test
    void matchesWhateverTheSaltLength() throws Exception {
        for (SaltedSha scheme : SaltedSha.values()) {
            assertTrue(scheme.matches(PASSWORD, scheme.encode(PASSWORD)), scheme.prefix());
            MessageDigest md = MessageDigest.getInstance(scheme.algorithm());
            byte[] salt = {1, 2, 3, 4};
            md.update(PASSWORD);
            md.update(salt);
            byte[] digest = md.digest();
            byte[] fourByteSalt = java.util.Arrays.copyOf(digest, digest.length + 4);
            System.arraycopy(salt, 0, fourByteSalt, digest.length, 4);
            assertTrue(scheme.matches(PASSWORD, fourByteSalt), scheme.prefix());
            assertFalse(scheme.matches("wrong".getBytes(StandardCharsets.UTF_8), fourByteSalt), scheme.prefix());
            assertFalse(scheme.matches(PASSWORD, digest), scheme.prefix() + " without a salt");
        }
    }

    @Test
    void verifyReadsTheSchemeFromTheValuePrefix() {
        for (SaltedSha scheme : SaltedSha.values()) {
            String value = scheme.hash("Mật-khẩu-1");
            assertTrue(SaltedSha.verify("Mật-khẩu-1", value), value);
            assertTrue(SaltedSha.verify("Mật-khẩu-1", value.replace(scheme.prefix(),
                    scheme.prefix().toLowerCase(java.util.Locale.ROOT))), "prefixes are case-insensitive");
            assertFalse(SaltedSha.verify("Mat-khau-1", value), value);
        }
        assertFalse(SaltedSha.verify("x", "{CRYPT}$6$abc"));
        assertFalse(SaltedSha.verify("x", "{SSHA}not base64!"));
        assertFalse(SaltedSha.verify("x", null));
    }
}
