package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;

class SignInStateTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final AccountPolicy EXPIRING = new AccountPolicy(12, Duration.ofMinutes(15), 10, 3, 5,
            Duration.ofDays(90), Duration.ofMinutes(10), 5, 3, "https://thu.example.gov.vn");

    private static LdapEntry entry(LdapAttribute... attributes) {
        LdapEntry e = LdapEntry.builder().dn("uid=an,ou=people,dc=example,dc=gov,dc=vn").attributes(attributes)
                .build();
        e.addAttributes(new LdapAttribute("uid", "an"), new LdapAttribute("cn", "Nguyễn Văn An"));
        return e;
    }

    private static SignInDecision decide(LdapEntry e, boolean passwordOk) {
        return SignInState.of(e).decide(passwordOk, EXPIRING, NOW);
    }

    @Test
    void aPlainAccountIsAllowedWithItsPasswordOnly() {
        assertEquals(SignInDecision.ALLOWED, decide(entry(), true));
        assertEquals(SignInDecision.WRONG_PASSWORD, decide(entry(), false));
        assertEquals(0, SignInState.of(entry()).failedSignIns());
    }

    @Test
    void aLockComesFirstAndEndsOnTime() {
        LdapEntry locked = entry(new LdapAttribute(SignInAttributes.LOCKED_UNTIL, "20261207100500Z"),
                new LdapAttribute(SignInAttributes.FAILED_SIGN_INS, "0"));
        assertEquals(SignInDecision.LOCKED, decide(locked, true));
        assertEquals(SignInDecision.LOCKED, decide(locked, false));
        SignInState s = SignInState.of(locked);
        assertTrue(s.lockedAt(NOW.plusSeconds(299)));
        assertFalse(s.lockedAt(NOW.plusSeconds(300)));
        assertEquals(SignInDecision.ALLOWED, s.decide(true, EXPIRING, NOW.plusSeconds(300)));
    }

    @Test
    void mustChangeDisabledAndExpiredNeedTheRightPassword() {
        LdapEntry mustChange = entry(new LdapAttribute("congvuPasswordMustChange", "TRUE"));
        assertEquals(SignInDecision.MUST_CHANGE, decide(mustChange, true));
        assertEquals(SignInDecision.WRONG_PASSWORD, decide(mustChange, false));
        LdapEntry disabled = entry(new LdapAttribute("congvuAccountStatus", "disabled"));
        assertEquals(SignInDecision.DISABLED, decide(disabled, true));
        assertEquals(SignInDecision.WRONG_PASSWORD, decide(disabled, false));
        LdapEntry old = entry(new LdapAttribute(SignInAttributes.PASSWORD_CHANGED_AT, "20260908100000Z"));
        assertEquals(SignInDecision.PASSWORD_EXPIRED, decide(old, true)); // 90 days ago to the second
        LdapEntry recent = entry(new LdapAttribute(SignInAttributes.PASSWORD_CHANGED_AT, "20260908100001.5Z"));
        assertEquals(SignInDecision.ALLOWED, decide(recent, true));
        assertTrue(SignInDecision.MUST_CHANGE.passwordAccepted());
        assertFalse(SignInDecision.MUST_CHANGE.allowed());
    }

    @Test
    void theSentencesNameTheConsoleAndHaveASevenBitForm() {
        SignInMessages m = new SignInMessages(EXPIRING);
        assertEquals("Bạn cần đặt mật khẩu mới thay cho mật khẩu ban đầu tại https://thu.example.gov.vn "
                + "trước khi đọc và gửi thư.", m.text(SignInDecision.MUST_CHANGE));
        assertEquals("Ban can dat mat khau moi thay cho mat khau ban dau tai https://thu.example.gov.vn "
                + "truoc khi doc va gui thu.", m.ascii(SignInDecision.MUST_CHANGE));
        assertEquals("Mật khẩu đã dùng quá 90 ngày; bạn cần đặt mật khẩu mới tại https://thu.example.gov.vn "
                + "trước khi đọc và gửi thư.", m.text(SignInDecision.PASSWORD_EXPIRED));
        assertEquals("Tài khoản tạm khóa vì đăng nhập sai nhiều lần liên tiếp; hãy thử lại sau 15 phút hoặc "
                + "liên hệ quản trị viên.", m.text(SignInDecision.LOCKED));
        for (SignInDecision d : SignInDecision.values()) {
            assertTrue(m.ascii(d).chars().allMatch(c -> c < 128), m.ascii(d));
            assertEquals(d == SignInDecision.ALLOWED, m.text(d).isEmpty(), d.name());
        }
    }
}
