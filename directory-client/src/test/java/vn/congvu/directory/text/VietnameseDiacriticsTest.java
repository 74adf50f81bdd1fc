package vn.congvu.directory.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class VietnameseDiacriticsTest {

    private static final String[] TONES = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};

    @Test
    void stripsARealNotice() {
        assertEquals("Dong chi Nguyen Van Duc, Uy ban nhan dan tinh Quang Ngai: hop khan luc 14h tai phong hop so 1.",
                VietnameseDiacritics.strip(
                        "Đồng chí Nguyễn Văn Đức, Ủy ban nhân dân tỉnh Quảng Ngãi: họp khẩn lúc 14h tại phòng họp số 1."));
        assertEquals("HOA TOC - THUONG KHAN - CHI DAO - DANG UY - DUONG",
                VietnameseDiacritics.strip("HỎA TỐC - THƯỢNG KHẨN - CHỈ ĐẠO - ĐẢNG ỦY - ĐƯỜNG"));
    }

    @Test
    void everyVowelWithEveryToneBothCasesBecomesItsBareLetter() {
        String[][] bases = {
                {"a", "a"}, {"ă", "a"}, {"â", "a"}, {"e", "e"}, {"ê", "e"}, {"i", "i"}, {"o", "o"}, {"ô", "o"},
                {"ơ", "o"}, {"u", "u"}, {"ư", "u"}, {"y", "y"}};
        int checked = 0;
        for (String[] base : bases) {
            for (String tone : TONES) {
                for (boolean upper : new boolean[] {false, true}) {
                    String letter = Normalizer.normalize((upper ? base[0].toUpperCase() : base[0]) + tone, Normalizer.Form.NFC);
                    assertEquals(1, letter.length(), "precomposed form of " + base[0] + tone);
                    String expected = upper ? base[1].toUpperCase() : base[1];
                    assertEquals(expected, VietnameseDiacritics.strip(letter), "strip " + letter);
                    checked++;
                }
            }
        }
        assertEquals(12 * 6 * 2, checked);
    }

    @Test
    void mapsDStrokeThatNfdLeavesAlone() {
        // the usual Normalizer approach fails here: đ has no decomposition
        assertEquals("đ", Normalizer.normalize("đ", Normalizer.Form.NFD).replaceAll("\\p{Mn}", ""));
        assertEquals("dD dD", VietnameseDiacritics.strip("đĐ ðÐ"));
    }

    @Test
    void acceptsDecomposedInput() {
        String decomposed = Normalizer.normalize("Hỏa tốc: Thường trực Tỉnh ủy", Normalizer.Form.NFD);
        assertTrue(decomposed.length() > "Hỏa tốc: Thường trực Tỉnh ủy".length());
        assertEquals("Hoa toc: Thuong truc Tinh uy", VietnameseDiacritics.strip(decomposed));
    }

    @Test
    void leavesOtherCharactersAlone() {
        assertEquals("Gia: 100€ [x] 北京 ñ", VietnameseDiacritics.strip("Giá: 100€ [x] 北京 ñ"));
        assertTrue(VietnameseDiacritics.hasDiacritics("Đà Nẵng"));
        assertFalse(VietnameseDiacritics.hasDiacritics("Da Nang 2026"));
    }
}
