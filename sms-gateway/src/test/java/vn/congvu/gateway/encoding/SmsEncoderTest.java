package vn.congvu.gateway.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.text.Gsm7Alphabet;
import vn.congvu.directory.text.VietnameseDiacritics;

class SmsEncoderTest {

    private final SmsEncoder encoder = new SmsEncoder(10);

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void gsm7RemovesDiacriticsAndGivesUnpackedSeptets() {
        EncodedSms sms = encoder.encode("Khẩn: họp lúc 8h, phòng Đảng ủy @ tầng 2", EncodingMode.GSM7);
        assertEquals(Alphabet.GSM7, sms.alphabet());
        assertEquals(0x00, sms.alphabet().dataCoding());
        assertEquals("Khan: hop luc 8h, phong Dang uy @ tang 2", sms.text());
        // '@' is septet 0x00 in GSM 03.38; letters, digits and this punctuation share ASCII codes
        byte[] expected = "Khan: hop luc 8h, phong Dang uy @ tang 2".getBytes(StandardCharsets.US_ASCII);
        expected[32] = 0x00;
        assertArrayEquals(expected, sms.segments().get(0));
        assertFalse(sms.lossy());
    }

    @Test
    void gsm7ExtensionCharactersAreEscapePairs() {
        EncodedSms sms = encoder.encode("Phí 5€ [mục {A}]", EncodingMode.GSM7);
        assertEquals("Phi 5€ [muc {A}]", sms.text());
        assertArrayEquals(hex("50 68 69 20 35 1B65 20 1B3C 6D 75 63 20 1B28 41 1B29 1B3E"), sms.segments().get(0));
        assertEquals("Phi 5€ [muc {A}]", Gsm7Alphabet.decode(sms.segments().get(0)));
    }

    @Test
    void gsm7TurnsTypographicPunctuationIntoAscii() {
        EncodedSms sms = encoder.encode("“Chỉ đạo” – khẩn…", EncodingMode.GSM7);
        assertEquals("\"Chi dao\" - khan...", sms.text());
        assertFalse(sms.lossy());
    }

    @Test
    void gsm7RefusesCharactersItWouldTurnIntoQuestionMarks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> encoder.encode("Chúc mừng 🎉 北", EncodingMode.GSM7));
        assertEquals("GSM-7 cannot carry 🎉北 (it would arrive as '?'): send the text as ucs2 or auto, or remove those characters",
                e.getMessage());
        EncodedSms sms = SmsEncoder.gsm7("Chúc mừng 🎉 北");
        assertEquals("Chuc mung ? ?", sms.text());
        assertTrue(sms.lossy());
    }

    @Test
    void ucs2IsUtf16BigEndianWithoutBomAndKeepsDiacritics() {
        EncodedSms sms = encoder.encode("Đà Nẵng", EncodingMode.UCS2);
        assertEquals(Alphabet.UCS2, sms.alphabet());
        assertEquals(0x08, sms.alphabet().dataCoding());
        assertArrayEquals(hex("0110 00E0 0020 004E 1EB5 006E 0067"), sms.segments().get(0));
    }

    @Test
    void ucs2ComposesDecomposedInput() {
        String nfd = java.text.Normalizer.normalize("Hỏa tốc", java.text.Normalizer.Form.NFD);
        EncodedSms sms = encoder.encode(nfd, EncodingMode.UCS2);
        assertArrayEquals(hex("0048 1ECF 0061 0020 0074 1ED1 0063"), sms.segments().get(0));
    }

    @Test
    void gsm7Of160IsOnePartAnd161IsTwoWithHeaders() {
        assertEquals(1, encoder.encode("a".repeat(160), EncodingMode.GSM7).parts());
        EncodedSms sms = encoder.encode("ă".repeat(161), EncodingMode.GSM7);
        assertEquals(2, sms.parts());
        assertEquals(153, sms.segments().get(0).length);
        assertEquals(8, sms.segments().get(1).length);
        List<byte[]> wire = sms.shortMessages(0x1A7);
        assertArrayEquals(hex("050003A70201"), Arrays.copyOf(wire.get(0), 6));
        assertArrayEquals(hex("050003A70202"), Arrays.copyOf(wire.get(1), 6));
        assertEquals(6 + 153, wire.get(0).length);
        assertArrayEquals("a".repeat(8).getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(wire.get(1), 6, 14));
    }

    @Test
    void neverSplitsAGsmEscapePair() {
        // 152 septets, then the two septets of '€' would straddle the 153 boundary
        EncodedSms sms = encoder.encode("a".repeat(152) + "€" + "b".repeat(10), EncodingMode.GSM7);
        assertEquals(2, sms.parts());
        assertEquals(152, sms.segments().get(0).length);
        assertArrayEquals(hex("1B65 62626262626262626262"), sms.segments().get(1));
    }

    @Test
    void ucs2Of70IsOnePartAnd71IsTwo() {
        assertEquals(1, encoder.encode("ệ".repeat(70), EncodingMode.UCS2).parts());
        EncodedSms sms = encoder.encode("ệ".repeat(71), EncodingMode.UCS2);
        assertEquals(2, sms.parts());
        assertEquals(67 * 2, sms.segments().get(0).length);
        assertEquals(4 * 2, sms.segments().get(1).length);
        assertArrayEquals(hex("1EC7 1EC7 1EC7 1EC7"), sms.segments().get(1));
    }

    @Test
    void neverSplitsASurrogatePair() {
        // 66 code units, then 😀 (D83D DE00) would straddle the 67 boundary
        EncodedSms sms = encoder.encode("ư".repeat(66) + "😀" + "ơ".repeat(5), EncodingMode.UCS2);
        assertEquals(2, sms.parts());
        assertEquals(66 * 2, sms.segments().get(0).length);
        assertArrayEquals(hex("D83D DE00 01A1 01A1 01A1 01A1 01A1"), sms.segments().get(1));
    }

    @Test
    void partsReassembleToTheText() {
        String text = "Thông báo khẩn của Ban Thường vụ Tỉnh ủy: đề nghị các đồng chí Bí thư huyện ủy, thành ủy "
                + "có mặt tại Hội trường lớn lúc 7 giờ 30 sáng mai để họp triển khai công tác phòng chống bão số 3. "
                + "Đề nghị thông báo cho các đơn vị trực thuộc và báo cáo kết quả trước 17 giờ.";
        EncodedSms ucs = encoder.encode(text, EncodingMode.UCS2);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<byte[]> wire = ucs.shortMessages(9);
        for (int i = 0; i < wire.size(); i++) {
            assertEquals(wire.size(), wire.get(i)[4]);
            assertEquals(i + 1, wire.get(i)[5]);
            joined.writeBytes(Arrays.copyOfRange(wire.get(i), 6, wire.get(i).length));
        }
        assertEquals(text, joined.toString(StandardCharsets.UTF_16BE));
        assertEquals((text.length() + 66) / 67, ucs.parts());

        EncodedSms gsm = encoder.encode(text, EncodingMode.GSM7);
        StringBuilder plain = new StringBuilder();
        gsm.segments().forEach(s -> plain.append(Gsm7Alphabet.decode(s)));
        assertEquals(VietnameseDiacritics.strip(text), plain.toString());
        assertEquals(2, gsm.parts());
    }

    @Test
    void autoKeepsDiacriticsWhenTheyCostNothing() {
        EncodedSms sms = encoder.encode("Họp khẩn lúc 14h tại Tỉnh ủy", EncodingMode.AUTO);
        assertEquals(Alphabet.UCS2, sms.alphabet());
        assertEquals("Họp khẩn lúc 14h tại Tỉnh ủy", sms.text());
    }

    @Test
    void autoDropsDiacriticsWhenThatSavesParts() {
        String text = "Đề nghị các đồng chí có mặt tại Hội trường lớn lúc 7 giờ 30 sáng mai để họp khẩn về phòng chống bão.";
        assertTrue(text.length() > 70 && text.length() <= 160);
        EncodedSms sms = encoder.encode(text, EncodingMode.AUTO);
        assertEquals(Alphabet.GSM7, sms.alphabet());
        assertEquals(1, sms.parts());
    }

    @Test
    void autoUsesUcs2WhenGsmWouldLoseCharacters() {
        String text = "Chúc mừng năm mới 🎉 " + "x".repeat(100);
        EncodedSms sms = encoder.encode(text, EncodingMode.AUTO);
        assertEquals(Alphabet.UCS2, sms.alphabet());
        assertFalse(sms.lossy());
    }

    @Test
    void autoPrefersGsmForPlainText() {
        assertEquals(Alphabet.GSM7, encoder.encode("Hop luc 14h", EncodingMode.AUTO).alphabet());
    }

    @Test
    void refusesTextOverThePartLimitAndEmptyText() {
        SmsEncoder three = new SmsEncoder(3);
        assertEquals(3, three.encode("a".repeat(153 * 3), EncodingMode.GSM7).parts());
        TooManyPartsException e = assertThrows(TooManyPartsException.class,
                () -> three.encode("a".repeat(153 * 3 + 1), EncodingMode.GSM7));
        assertEquals(4, e.parts());
        assertThrows(TooManyPartsException.class, () -> three.encode("â".repeat(67 * 3 + 1), EncodingMode.UCS2));
        assertThrows(IllegalArgumentException.class, () -> three.encode("  ", EncodingMode.GSM7));
    }

    @Test
    void parsesModeNames() {
        assertEquals(EncodingMode.GSM7, EncodingMode.parse("GSM-7"));
        assertEquals(EncodingMode.UCS2, EncodingMode.parse("ucs2"));
        assertEquals(EncodingMode.AUTO, EncodingMode.parse(" Auto "));
        assertThrows(IllegalArgumentException.class, () -> EncodingMode.parse("latin1"));
    }
}
