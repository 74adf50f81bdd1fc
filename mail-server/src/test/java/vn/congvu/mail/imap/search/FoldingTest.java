package vn.congvu.mail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

class FoldingTest {

    @Test
    void looseFormDropsVietnameseMarksAndCase() {
        assertEquals("chi dao", Folding.loose("Chỉ đạo"));
        assertEquals("sat lo", Folding.loose("SẠT LỞ"));
        assertEquals("dang uy", Folding.loose("Đảng ủy"));
        assertEquals("nguyen van an", Folding.loose("Nguyễn Văn An"));
        assertEquals("ddd", Folding.loose("đĐd"));
    }

    @Test
    void exactFormKeepsMarksAndLowersCase() {
        assertEquals("chỉ đạo", Folding.exact("CHỈ ĐẠO"));
        assertEquals("sạt lở", Folding.exact("Sạt Lở"));
    }

    @Test
    void decomposedInputHasTheSameFormsAsComposed() {
        String composed = "Chỉ đạo khẩn về sạt lở";
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertFalse(composed.equals(decomposed));
        assertEquals(Folding.exact(composed), Folding.exact(decomposed));
        assertEquals(Folding.loose(composed), Folding.loose(decomposed));
    }

    @Test
    void aQueryHasMarksWhenFoldingChangesMoreThanCase() {
        assertFalse(Folding.hasMarks("CHI DAO"));
        assertFalse(Folding.hasMarks("Công"  .replace("ô", "o")));
        assertTrue(Folding.hasMarks("chỉ"));
        assertTrue(Folding.hasMarks("đang"));
        assertTrue(Folding.hasMarks(Normalizer.normalize("lở", Normalizer.Form.NFD)));
    }

    @Test
    void charactersWithoutMarksStayAsTheyAre() {
        assertEquals("한국 ß ø 12", Folding.loose("한국 ß Ø 12"));
    }

    @Test
    void substringSemantics() {
        assertTrue(Substring.of("chi dao").foundIn("V/v Chỉ đạo phòng chống lụt bão"));
        assertTrue(Substring.of("Chỉ đạo").foundIn("V/v CHỈ ĐẠO phòng chống"));
        assertFalse(Substring.of("Chỉ đạo").foundIn("V/v chi dao phong chong"), "a query with marks stays exact");
        assertFalse(Substring.of("chí").foundIn("Chỉ đạo"), "another mark is another letter");
        assertTrue(Substring.of("dang uy").foundIn("Ban Thường vụ Đảng ủy"));
        assertTrue(Substring.of("").foundIn("anything"));
    }
}
