package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.directory.password.SaltedSha;

/**
 * Forgotten-password codes against a real directory, once per server kind: issue, redeem, expiry, tries and the
 * hourly limit counted exactly when nodes race, and a redeemed code good for one password only.
 */
public abstract class ResetCodesContract extends AccountFixture {

    private static final String MOBILE = "84912345678";
    private static final String WRONG = ResetCodes.WRONG_CODE;

    private ResetCodes codes() {
        return policy.resetCodes();
    }

    private static String other(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private int triesLeft(String dn) {
        return StoredResetCode.parse(values(dn, SignInAttributes.RESET_CODE).get(0)).triesLeft();
    }

    @Test
    public void aCodeSetsANewPasswordOnce() throws Exception {
        String dn = addOfficial("an.nt", "Nguyễn Thành An", INITIAL, true, MOBILE);
        ResetCodeMessage sms = codes().issue("an.nt@example.gov.vn", FROM).orElseThrow();
        assertEquals(MOBILE, sms.mobile());
        assertTrue(sms.code().matches("[0-9]{6}"), "six digits");
        assertTrue(sms.text().contains(sms.code()) && sms.text().contains("10 phut"), sms.text());
        assertFalse(sms.toString().contains(sms.code()));
        assertTrue(values(dn, SignInAttributes.RESET_CODE).get(0).contains(" 5 {SSHA}"), "only a hash is kept");

        assertEquals(List.of(WRONG), codes().redeem("an.nt", other(sms.code()), "Hoa-sen-2026", FROM));
        assertEquals(4, triesLeft(dn));
        assertEquals(List.of("Mật khẩu không được chứa từ trong họ tên (Thành)."),
                codes().redeem("an.nt", sms.code(), "Thành-công-2026", FROM), "the rules apply");
        assertEquals(4, triesLeft(dn), "a right code with a refused password stays");
        assertEquals(List.of(), codes().redeem("an.nt", " " + sms.code() + " ", "Hoa-sen-2026", FROM));
        assertEquals(List.of(), values(dn, SignInAttributes.RESET_CODE), "a used code is gone");
        assertEquals(SignInDecision.ALLOWED, policy.signIn("an.nt", "Hoa-sen-2026", FROM).decision(),
                "the official chose it: no must-change");
        assertEquals(List.of(WRONG), codes().redeem("an.nt", sms.code(), "Mai-vang-2026", FROM));

        assertEquals(1, audited(AuditAction.RESET_CODE_ISSUED, "an.nt").size());
        assertEquals(List.of("wrong code, 4 tries left", "no code issued"),
                audited(AuditAction.RESET_CODE_WRONG, "an.nt").stream().map(AuditEvent::detail).toList());
        assertEquals(1, audited(AuditAction.PASSWORD_RESET_BY_CODE, "an.nt").size());
        assertEquals(List.of("reset-code"),
                audited(AuditAction.PASSWORD_CHANGED, "an.nt").stream().map(AuditEvent::actor).toList());
        assertNoSecretAudited(sms.code(), "Hoa-sen-2026", "Thành-công-2026");
    }

    @Test
    public void theSameNothingForUnknownDisabledOrNoMobile() throws Exception {
        addOfficial("khong.sdt", "Lý Văn Không", INITIAL, false);
        String disabled = addOfficial("nghi.vl", "Võ Lệ Nghi", INITIAL, false, MOBILE);
        EntryWrites.modify(client, disabled, EntryWrites.replace("congvuAccountStatus", "disabled"));
        assertEquals(Optional.empty(), codes().issue("khong.co.ai", FROM));
        assertEquals(Optional.empty(), codes().issue("khong.sdt", FROM));
        assertEquals(Optional.empty(), codes().issue("nghi.vl", FROM));
        assertEquals(List.of(WRONG), codes().redeem("khong.co.ai", "123456", "Hoa-sen-2026", FROM));
        assertEquals(List.of("unknown account"), audited(AuditAction.RESET_CODE_REFUSED, null).stream()
                .filter(e -> "khong.co.ai".equals(e.actor())).map(AuditEvent::detail).toList());
        assertEquals("no mobile number in the directory",
                audited(AuditAction.RESET_CODE_REFUSED, "khong.sdt").get(0).detail());
        assertEquals("account disabled", audited(AuditAction.RESET_CODE_REFUSED, "nghi.vl").get(0).detail());
    }

    @Test
    public void aCodeExpiresAndRunsOutOfTriesAndANewOneReplacesIt() throws Exception {
        String dn = addOfficial("cuong.ph", "Phạm Hùng Cường", INITIAL, false, MOBILE);
        String first = codes().issue("cuong.ph", FROM).orElseThrow().code();
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(WRONG), codes().redeem("cuong.ph", first, "Hoa-sen-2026", FROM));
        assertEquals(List.of(), values(dn, SignInAttributes.RESET_CODE), "an expired code is deleted");

        String second = codes().issue("cuong.ph", FROM).orElseThrow().code();
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(WRONG), codes().redeem("cuong.ph", other(second), "Hoa-sen-2026", FROM));
        }
        assertEquals(List.of(), values(dn, SignInAttributes.RESET_CODE), "void after the fifth wrong try");
        assertEquals(List.of(WRONG), codes().redeem("cuong.ph", second, "Hoa-sen-2026", FROM));

        String third = codes().issue("cuong.ph", FROM).orElseThrow().code();
        assertTrue(codes().issue("cuong.ph", FROM).isEmpty(), "three codes in this hour already");
        assertEquals(List.of(), codes().redeem("cuong.ph", third, "Hoa-sen-2026", FROM));
        assertEquals(List.of("code expired", "wrong code, 4 tries left", "wrong code, 3 tries left",
                "wrong code, 2 tries left", "wrong code, 1 tries left", "wrong code, no tries left: code void",
                "no code issued"), audited(AuditAction.RESET_CODE_WRONG, "cuong.ph").stream()
                .map(AuditEvent::detail).toList());
    }

    @Test
    public void atMostThreeCodesInAnyHourAndANewCodeVoidsTheOld() throws Exception {
        addOfficial("duc.hm", "Hồ Minh Đức", INITIAL, false, MOBILE);
        String first = codes().issue("duc.hm", FROM).orElseThrow().code();
        clock.advance(Duration.ofMinutes(20));
        String second = codes().issue("duc.hm", FROM).orElseThrow().code();
        clock.advance(Duration.ofMinutes(20));
        assertTrue(codes().issue("duc.hm", FROM).isPresent());
        clock.advance(Duration.ofMinutes(19));
        assertTrue(codes().issue("duc.hm", FROM).isEmpty(), "three in the last 59 minutes");
        clock.advance(Duration.ofMinutes(1));
        String fourth = codes().issue("duc.hm", FROM).orElseThrow().code(); // the first is an hour old
        assertTrue(codes().issue("duc.hm", FROM).isEmpty());
        if (!first.equals(fourth) && !second.equals(fourth)) {
            assertEquals(List.of(WRONG), codes().redeem("duc.hm", second, "Hoa-sen-2026", FROM), "replaced");
        }
        assertEquals(List.of(), codes().redeem("duc.hm", fourth, "Hoa-sen-2026", FROM));
        List<AuditEvent> refused = audited(AuditAction.RESET_CODE_REFUSED, "duc.hm");
        assertEquals(2, refused.size());
        assertEquals("more than 3 codes in an hour", refused.get(0).detail());
        assertEquals(4, audited(AuditAction.RESET_CODE_ISSUED, "duc.hm").size());
    }

    @Test
    public void aResetLiftsALock() throws Exception {
        String dn = addOfficial("ly.tk", "Tạ Khánh Ly", INITIAL, false, MOBILE);
        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn, "attacker", FROM);
        }
        assertEquals(SignInDecision.LOCKED, policy.signIn("ly.tk", INITIAL, FROM).decision());
        String code = codes().issue("ly.tk", FROM).orElseThrow().code();
        assertEquals(List.of(), codes().redeem("ly.tk", code, "Hoa-sen-2026", FROM));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("ly.tk", "Hoa-sen-2026", FROM).decision());
    }

    @Test
    public void racingWrongTriesAreEachCounted() throws Exception {
        String dn = addOfficial("vinh.dq", "Đinh Quang Vinh", INITIAL, false, MOBILE);
        String code = codes().issue("vinh.dq", FROM).orElseThrow().code();
        List<List<String>> answers = together(4,
                (node, i) -> node.resetCodes().redeem("vinh.dq", other(code), "Hoa-sen-2026", FROM));
        assertEquals(List.of(List.of(WRONG), List.of(WRONG), List.of(WRONG), List.of(WRONG)), answers);
        assertEquals(1, triesLeft(dn), "5 - 4 wrong tries");
        assertEquals(4, audited(AuditAction.RESET_CODE_WRONG, "vinh.dq").size());
        assertEquals(List.of(WRONG), codes().redeem("vinh.dq", other(code), "Hoa-sen-2026", FROM));
        assertEquals(List.of(WRONG), codes().redeem("vinh.dq", code, "Hoa-sen-2026", FROM), "void");
    }

    @Test
    public void racingIssuesRespectTheLimitAndOneCodeSetsOnePassword() throws Exception {
        String dn = addOfficial("tam.ln", "Lâm Ngọc Tâm", INITIAL, false, MOBILE);
        List<Optional<ResetCodeMessage>> sent = together(5, (node, i) -> node.resetCodes().issue("tam.ln", FROM));
        assertEquals(3, sent.stream().filter(Optional::isPresent).count(), "exactly the hourly limit");
        assertEquals(3, audited(AuditAction.RESET_CODE_ISSUED, "tam.ln").size());
        String stored = values(dn, SignInAttributes.RESET_CODE).get(0); // the last issue's code is the one kept
        String code = sent.stream().flatMap(Optional::stream).map(ResetCodeMessage::code)
                .filter(c -> SaltedSha.verify(c, StoredResetCode.parse(stored).hash())).findFirst().orElseThrow();

        List<String> passwords = List.of("Hoa-sen-2026", "Mai-vang-2026", "Cuc-trang-2026");
        List<List<String>> answers = together(3,
                (node, i) -> node.resetCodes().redeem("tam.ln", code, passwords.get(i), FROM));
        assertEquals(1, answers.stream().filter(List::isEmpty).count(), answers.toString());
        String chosen = passwords.get(answers.indexOf(List.of()));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("tam.ln", chosen, FROM).decision());
        assertEquals(1, audited(AuditAction.PASSWORD_RESET_BY_CODE, "tam.ln").size());
    }
}
