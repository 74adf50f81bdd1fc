package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void tenDistinctCodesWithoutLookAlikesTypedBackAnyWay() {
        List<String> codes = RecoveryCodes.generate();
        assertEquals(RecoveryCodes.COUNT, new HashSet<>(codes).size());
        for (String code : codes) {
            assertTrue(code.matches("[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}"), code);
            assertTrue(RecoveryCodes.looksLikeOne(code));
        }
        assertEquals("abcdefghjk", RecoveryCodes.normalise(" ABCDE-fghjk "));
        assertTrue(RecoveryCodes.looksLikeOne("ABCDE FGHJK"));
        assertFalse(RecoveryCodes.looksLikeOne("123456"), "a TOTP code is not one");
    }
}
