package vn.congvu.mail.directive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.directory.text.Gsm7Alphabet;

/** The shipped rules file (config/rules/directive-alerts.properties) read as the mail server reads it. */
class DirectiveRulesTest {
    static final Path SHIPPED = RulesFile.locate(Map.of("CONGVU_CONFIG", "../config")); // tests run in mail-server/
    static final DirectiveRules RULES = new RulesFile(SHIPPED).current();

    private static DirectiveRules.Marks subject(String subject) {
        return RULES.read(subject, null, null);
    }

    private static String level(DirectiveRules.Marks marks) {
        return marks.level().map(UrgencyLevel::name).orElse("none");
    }

    @Test
    void directiveTagWithOrWithoutDiacriticsInAnyCase() {
        for (String tag : new String[] {"[CHỈ ĐẠO]", "[Chỉ đạo]", "[chỉ đạo]", "[CHI DAO]", "[chi dao]", "[ Chi  Dao ]",
            "[CHI-DAO]", "[Chỉ Đạo]", Normalizer.nfd("[Chỉ đạo]")}) {
            assertTrue(subject(tag + " Phòng chống bão").directive(), tag);
            assertTrue(subject("V/v phòng chống bão " + tag).directive(), "tag at the end: " + tag);
        }
        assertFalse(subject("Chỉ đạo phòng chống bão").directive(), "the words without brackets are not the tag");
        assertFalse(subject("[CHỈ ĐẠO TUYẾN] lịch trực").directive(), "another tag");
        assertFalse(subject("[KHẨN] họp").directive(), "urgency alone is not a directive");
        assertFalse(RULES.read(null, null, null).directive());
    }

    @Test
    void repliesAndForwardsAreNotNewDocuments() {
        for (String subject : new String[] {"Re: [CHỈ ĐẠO] Phòng chống bão", "RE: [HỎA TỐC] [CHỈ ĐẠO] bão",
            "Fwd: [CHỈ ĐẠO] bão", "FW: [CHỈ ĐẠO] bão", "Trả lời: [CHỈ ĐẠO] bão", "TL: [chi dao] bão", "Chuyển tiếp: [CHỈ ĐẠO] bão"}) {
            DirectiveRules.Marks marks = subject(subject);
            assertTrue(marks.directive() && marks.reply(), subject);
        }
        assertFalse(subject("[CHỈ ĐẠO] Re: lịch họp").reply(), "a directive about a reply is still a directive");
        assertFalse(subject("[CHỈ ĐẠO] Phòng chống bão: triển khai").reply());
        assertFalse(subject("Kế hoạch: [CHỈ ĐẠO] triển khai").reply(), "any other text before a colon is not a reply prefix");
    }

    @Test
    void directiveHeader() {
        assertTrue(RULES.read("Phòng chống bão", "yes", null).directive());
        assertTrue(RULES.read("Phòng chống bão", "1", null).directive());
        assertTrue(RULES.read("Phòng chống bão", "", null).directive(), "present with no value");
        assertFalse(RULES.read("Phòng chống bão", "no", null).directive());
        assertFalse(RULES.read("Phòng chống bão", "false", null).directive());
        assertFalse(RULES.read("Phòng chống bão", "Không", null).directive());
    }

    @Test
    void urgencyFromTagsAndHeader() {
        assertEquals("hoa-toc", level(subject("[HỎA TỐC] [CHỈ ĐẠO] bão")));
        assertEquals("hoa-toc", level(subject("[Hoả tốc][chi dao] bão")), "old-style tone placement");
        assertEquals("hoa-toc", level(subject("[hoa toc] [chi dao] bão")));
        assertEquals("thuong-khan", level(subject("[THƯỢNG KHẨN] [CHỈ ĐẠO] bão")));
        assertEquals("thuong-khan", level(subject("[thuong khan] [chi dao] bão")));
        assertEquals("khan", level(subject("[KHẨN] [CHỈ ĐẠO] bão")));
        assertEquals("khan", level(subject("[Khan] [CHỈ ĐẠO] bão")));
        assertEquals("none", level(subject("[CHỈ ĐẠO] bão")));
        assertEquals("hoa-toc", level(subject("[KHẨN] [HỎA TỐC] [CHỈ ĐẠO] bão")), "the most urgent wins");
        assertEquals("thuong-khan", level(RULES.read("[CHỈ ĐẠO] bão", null, "Thượng khẩn")));
        assertEquals("hoa-toc", level(RULES.read("[CHỈ ĐẠO] bão", null, "hoa-toc")), "header with the level's name");
        assertEquals("khan", level(RULES.read("[CHỈ ĐẠO] bão", null, "KHAN")));
        assertEquals("none", level(RULES.read("[CHỈ ĐẠO] bão", null, "bình thường")));
        assertTrue(RULES.levels().stream().allMatch(UrgencyLevel::urgent), "the three levels are urgent by default");
    }

    @Test
    void tagsAreRemovedFromTheSubject() {
        assertEquals("Phòng chống bão số 3", subject("[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3").bareSubject());
        assertEquals("V/v lịch họp [dự thảo]", subject("V/v lịch họp [Chỉ đạo] [dự thảo]").bareSubject());
        assertEquals("Phòng chống bão", subject("[CHI DAO] - Phòng chống bão").bareSubject());
    }

    @Test
    void alertTextIsUnaccentedAndFitsOneSms() {
        String text = AlertText.compose(RULES, RULES.levels().stream().filter(l -> l.name().equals("hoa-toc")).findFirst(),
            "Văn phòng Tỉnh ủy", "Phòng chống bão số 3");
        assertEquals("VB chi dao HOA TOC tu Van phong Tinh uy: \"Phong chong bao so 3\". Xem thu cong vu.", text);
        assertEquals("VB chi dao tu Van phong Tinh uy: \"Lich truc\". Xem thu cong vu.",
            AlertText.compose(RULES, Optional.empty(), "Văn phòng Tỉnh ủy", "Lịch trực"));

        String longSubject = "Triển khai thực hiện Nghị quyết số 15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về đẩy mạnh "
            + "chuyển đổi số trong các cơ quan Đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội";
        String cut = AlertText.compose(RULES, RULES.levels().stream().filter(l -> l.name().equals("thuong-khan")).findFirst(),
            "Ủy ban nhân dân tỉnh", longSubject);
        assertTrue(Gsm7Alphabet.length(cut) <= 160, cut.length() + ": " + cut);
        assertTrue(Gsm7Alphabet.length(cut) > 140, "the room is used: " + cut);
        assertTrue(cut.startsWith("VB chi dao THUONG KHAN tu Uy ban nhan dan tinh: \"Trien khai thuc hien Nghi quyet so 15-NQ/TU"), cut);
        assertTrue(cut.endsWith("...\". Xem thu cong vu."), cut);
        // characters GSM-7 counts twice, and typographic quotes, still fit
        String brackets = AlertText.compose(RULES, Optional.empty(), "VP", "{[~]} “trích yếu” ".repeat(30));
        assertTrue(Gsm7Alphabet.length(brackets) <= 160 && Gsm7Alphabet.length(brackets) >= 150, brackets);
    }

    @Test
    void quietWindowHoldsUntilMorningLocalTime() {
        QuietWindow window = RULES.quietWindow();
        ZoneId hanoi = ZoneId.of("Asia/Ho_Chi_Minh");
        assertEquals(new QuietWindow(LocalTime.of(21, 0), LocalTime.of(6, 30), hanoi), window);
        Instant evening = ZonedDateTime.of(2026, 11, 21, 22, 15, 0, 0, hanoi).toInstant();
        assertEquals(ZonedDateTime.of(2026, 11, 22, 6, 30, 0, 0, hanoi).toInstant(), window.releaseTime(evening));
        Instant night = ZonedDateTime.of(2026, 11, 22, 3, 0, 0, 0, hanoi).toInstant();
        assertEquals(ZonedDateTime.of(2026, 11, 22, 6, 30, 0, 0, hanoi).toInstant(), window.releaseTime(night));
        Instant day = ZonedDateTime.of(2026, 11, 22, 6, 30, 0, 0, hanoi).toInstant();
        assertEquals(day, window.releaseTime(day));
        Instant beforeNine = ZonedDateTime.of(2026, 11, 22, 20, 59, 59, 0, hanoi).toInstant();
        assertEquals(beforeNine, window.releaseTime(beforeNine));
        QuietWindow lunch = new QuietWindow(LocalTime.of(11, 30), LocalTime.of(13, 0), hanoi);
        Instant noon = ZonedDateTime.of(2026, 11, 22, 12, 0, 0, 0, hanoi).toInstant();
        assertEquals(ZonedDateTime.of(2026, 11, 22, 13, 0, 0, 0, hanoi).toInstant(), lunch.releaseTime(noon));
    }

    @Test
    void gatewayUrlFollowsTheGatewayPort() {
        // the environment of this JVM: no CONGVU_GATEWAY_PORT unless the build sets one
        String port = Optional.ofNullable(System.getenv("CONGVU_GATEWAY_PORT")).orElse("8090");
        assertEquals("http://127.0.0.1:" + port, RULES.gatewayUrl().toString());
    }

    @Test
    void editsApplyWithoutRestartAndABrokenEditKeepsTheRules(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("directive-alerts.properties");
        String shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8);
        Files.writeString(file, shipped, StandardCharsets.UTF_8);
        RulesFile rules = new RulesFile(file);
        assertFalse(rules.current().read("[VĂN BẢN CHỈ ĐẠO] bão", null, null).directive());

        Files.writeString(file, shipped.replace("directive.tags=CHỈ ĐẠO", "directive.tags=CHỈ ĐẠO | VĂN BẢN CHỈ ĐẠO")
            .replace("quiet.from=21:00", "quiet.from=22:00"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
        assertTrue(rules.current().read("[Văn bản chỉ đạo] bão", null, null).directive(), "new tag applies");
        assertEquals(LocalTime.of(22, 0), rules.current().quietWindow().from());

        Files.writeString(file, shipped.replace("sms.max-length=160", "sms.max-length=một trăm"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(4)));
        assertTrue(rules.current().read("[Văn bản chỉ đạo] bão", null, null).directive(), "a broken edit keeps the rules in force");
        assertEquals(160, rules.current().maxLength());

        Files.writeString(file, shipped.replace("sms.max-length=160", "sms.max-length=153"), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(6)));
        assertEquals(153, rules.current().maxLength(), "fixed edit applies");
        assertFalse(rules.current().read("[Văn bản chỉ đạo] bão", null, null).directive());
    }

    @Test
    void aBrokenFileIsRefusedAtStartWithItsReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.properties");
        Files.writeString(file, Files.readString(SHIPPED, StandardCharsets.UTF_8).replace("urgency.khan.urgent=true", "urgency.khan.urgent=maybe"),
            StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RulesFile(file));
        assertTrue(e.getMessage().contains("urgency.khan.urgent must be true or false"), e.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> new RulesFile(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("Cannot read the directive rules"), missing.getMessage());
    }

    private static final class Normalizer {
        static String nfd(String s) {
            return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD);
        }
    }
}
