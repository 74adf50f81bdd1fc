package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    static final AccountPolicy POLICY = new AccountPolicy(12, Duration.ofMinutes(15), 10, 3, 3, Duration.ZERO,
            Duration.ofMinutes(10), 5, 3, "http://127.0.0.1:8080");
    private final PasswordRules rules = new PasswordRules(POLICY);

    private List<String> problems(String password) {
        return rules.problems(password, "tuan.nv", "Nguyễn Văn Tuấn", PasswordHistory.empty());
    }

    @Test
    void aGoodPasswordHasNoProblem() {
        assertEquals(List.of(), problems("Hoa-sen-2024"));
        assertEquals(List.of(), problems("mưa rào 2024!")); // lower, digit, other: three classes
    }

    @Test
    void eachBrokenRuleIsOneSentence() {
        assertEquals(List.of("Mật khẩu phải có ít nhất 10 ký tự."), problems("Ab1!xyz"));
        assertEquals(List.of("Mật khẩu phải có ký tự thuộc ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, "
                + "ký tự khác."), problems("hoasenhoasen"));
        assertEquals(List.of("Mật khẩu không được chứa tên đăng nhập (cb0417)."),
                rules.problems("Xy-CB0417-zz", "cb0417", "Nguyễn Văn Tuấn", PasswordHistory.empty()));
        assertEquals(List.of("Mật khẩu phải có ít nhất 10 ký tự.",
                "Mật khẩu phải có ký tự thuộc ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký tự khác."),
                problems("abc"));
    }

    @Test
    void wordsOfTheFullNameAreFoundWithoutDiacriticsInAnyCase() {
        String sentence = "Mật khẩu không được chứa từ trong họ tên (Nguyễn, Tuấn).";
        assertEquals(List.of(sentence), problems("NGUYEN-tuan-2024"));
        assertEquals(List.of(sentence), problems("nguyễn+TUẤN+2024"));
        assertEquals(List.of("Mật khẩu không được chứa từ trong họ tên (Văn)."), problems("Van-Hoa-2024!"));
        // two-letter words of a name ("Lê", "Hà") are too common to forbid
        assertEquals(List.of(), rules.problems("Le-Ha-Xuan-99", "hl", "Lê Hà", PasswordHistory.empty()));
    }

    @Test
    void noneOfTheLastPasswordsMayComeBack() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        PasswordHistory h = PasswordHistory.empty()
                .with("Hoa-sen-2021", t, 3)
                .with("Hoa-sen-2022", t.plusSeconds(1), 3)
                .with("Hoa-sen-2023", t.plusSeconds(2), 3)
                .with("Hoa-sen-2024", t.plusSeconds(3), 3);
        assertEquals(3, h.ldapValues().size());
        String sentence = "Mật khẩu mới không được trùng với một trong 3 mật khẩu gần nhất.";
        assertEquals(List.of(sentence), rules.problems("Hoa-sen-2022", "x", "", h));
        assertEquals(List.of(), rules.problems("Hoa-sen-2021", "x", "", h)); // the oldest one was dropped
        // the order of LDAP values is not kept by servers: the times are
        PasswordHistory shuffled = PasswordHistory.of(List.of(h.ldapValues().get(2), h.ldapValues().get(0),
                h.ldapValues().get(1)));
        assertEquals(h.ldapValues(), shuffled.ldapValues());
        assertEquals(List.of(sentence), rules.problems("Hoa-sen-2030", "x", "", h, "Hoa-sen-2030"));
    }

    @Test
    void classesCountLowerUpperDigitOther() {
        assertEquals(1, PasswordRules.classes("ăâđêôơư"));
        assertEquals(2, PasswordRules.classes("ĂÂĐêôơư"));
        assertEquals(4, PasswordRules.classes("aA1 "));
    }
}
