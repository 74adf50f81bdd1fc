package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;

/**
 * The sign-in policy against a real directory, run once per server kind (the embedded directory, Debian's slapd):
 * both must store the attributes, count failures atomically and carry out Password Modify.
 */
public abstract class SignInPolicyContract extends AccountFixture {

    /** Wrong-password sign-ins from {@code n} threads at once, each through its own client (its own "node"). */
    private void failTogether(String uid, int n) throws Exception {
        List<DirectoryClient> nodes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SignInDecision>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DirectoryClient node = new DirectoryClient(settings());
                nodes.add(node);
                SignInPolicy nodePolicy = new SignInPolicy(node, POLICY, clock, audit);
                results.add(pool.submit(() -> {
                    start.await();
                    return nodePolicy.signIn(uid, "sai-mật-khẩu", FROM).decision();
                }));
            }
            start.countDown();
            for (Future<SignInDecision> f : results) {
                assertEquals(SignInDecision.WRONG_PASSWORD, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            nodes.forEach(DirectoryClient::close);
        }
    }

    @Test
    public void concurrentFailuresAreEachCountedAndExactlyTheLimitLocks() throws Exception {
        addOfficial("khoa.lt", "Lê Thanh Khoa", INITIAL, false);
        failTogether("khoa.lt", ATTEMPTS - 1);
        SignInState state = account("khoa.lt");
        assertEquals(ATTEMPTS - 1, state.failedSignIns()); // no increment lost
        assertFalse(state.lockedAt(clock.instant()));

        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("khoa.lt", "sai-lần-cuối", FROM).decision());
        state = account("khoa.lt");
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), state.lockedUntil());
        assertEquals(0, state.failedSignIns()); // a fresh count for after the lock
        // refused whatever the password, on this node and on any other
        assertEquals(SignInDecision.LOCKED, policy.signIn("khoa.lt", INITIAL, FROM).decision());
        try (DirectoryClient other = new DirectoryClient(settings())) {
            assertEquals(SignInDecision.LOCKED,
                    new SignInPolicy(other, POLICY, clock, audit).signIn("khoa.lt@example.gov.vn", INITIAL, FROM).decision());
        }
        assertEquals(0, account("khoa.lt").failedSignIns()); // attempts while locked are not counted

        List<AuditEvent> locks = audited(AuditAction.ACCOUNT_LOCKED, "khoa.lt");
        assertEquals(1, locks.size(), "one lock, one record");
        assertEquals(FROM, locks.get(0).source());
        List<AuditEvent> failures = audited(AuditAction.SIGN_IN_FAILED, "khoa.lt");
        assertEquals(ATTEMPTS + 2, failures.size()); // every wrong password, and the two refused while locked
        assertEquals(2, failures.stream().filter(e -> "account locked".equals(e.detail())).count());
        assertEquals("khoa.lt@example.gov.vn", failures.get(failures.size() - 1).actor()); // the login as typed
        assertNoSecretAudited(INITIAL, "sai-mật-khẩu", "sai-lần-cuối");
    }

    @Test
    public void theLimitReachedByManyAtOnceLocks() throws Exception {
        addOfficial("minh.pd", "Phạm Đức Minh", INITIAL, false);
        failTogether("minh.pd", ATTEMPTS);
        assertTrue(account("minh.pd").lockedAt(clock.instant()));
        assertEquals(SignInDecision.LOCKED, policy.signIn("minh.pd", INITIAL, FROM).decision());
    }

    @Test
    public void aLockEndsWithTimeAndASuccessResetsTheCount() throws Exception {
        String dn = addOfficial("lan.nt", "Nguyễn Thị Lan", INITIAL, false);
        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn, "attacker", FROM);
        }
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals(SignInDecision.LOCKED, policy.signIn("lan.nt", INITIAL, FROM).decision());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("lan.nt", INITIAL, FROM).decision());

        policy.signIn("lan.nt", "sai-1", FROM);
        policy.signIn("lan.nt", "sai-2", FROM);
        assertEquals(2, account("lan.nt").failedSignIns());
        assertEquals(SignInDecision.ALLOWED, policy.signIn("lan.nt", INITIAL, FROM).decision());
        assertEquals(0, account("lan.nt").failedSignIns());
    }

    @Test
    public void aSuccessWithNoFailuresWritesNothing() {
        String nobody = client.layout().personDn("khong-co-ai");
        policy.recordSuccess(nobody, 0); // no write, so no "no such object"
        assertThrows(DirectoryException.class, () -> policy.recordSuccess(nobody, 1));
    }

    @Test
    public void anAdministratorUnlocks() throws Exception {
        String dn = addOfficial("son.tv", "Trần Văn Sơn", INITIAL, false);
        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn, "attacker", FROM);
        }
        assertEquals(SignInDecision.LOCKED, policy.signIn("son.tv", INITIAL, FROM).decision());
        policy.unlock(dn, "admin", "10.0.0.1");
        assertEquals(SignInDecision.ALLOWED, policy.signIn("son.tv", INITIAL, FROM).decision());
        List<AuditEvent> unlocks = audited(AuditAction.ACCOUNT_UNLOCKED, "son.tv");
        assertEquals(1, unlocks.size());
        assertEquals("admin", unlocks.get(0).actor());
        assertEquals("10.0.0.1", unlocks.get(0).source());
        assertEquals(1, audited(AuditAction.ACCOUNT_LOCKED, "son.tv").size());
    }

    @Test
    public void anInitialPasswordMustBeChangedAndTheCallersOwnSearchDecides() throws Exception {
        addOfficial("ha.dt", "Đỗ Thu Hà", INITIAL, true);
        SignInResult first = policy.signIn("ha.dt@example.gov.vn", INITIAL, FROM);
        assertEquals(SignInDecision.MUST_CHANGE, first.decision());
        assertEquals("ha.dt", first.official().uid()); // the caller has the official from the same search
        assertEquals("Đỗ Thu Hà", first.official().fullName());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("ha.dt", "Khởi-tạo-2025", FROM).decision());
        assertEquals(new SignInResult(SignInDecision.WRONG_PASSWORD, null, null), policy.signIn("khong.co", INITIAL, FROM));

        LdapEntry entry = client.findLoginEntry("ha.dt", SignInPolicy.attributes()).orElseThrow();
        assertEquals(SignInDecision.MUST_CHANGE, policy.decide(entry, true));
        assertEquals(1, SignInState.of(entry).failedSignIns());
        assertTrue(policy.messages().text(SignInDecision.MUST_CHANGE).contains("https://thu.example.gov.vn"));
    }

    @Test
    public void anOfficialChangesTheirOwnPassword() throws Exception {
        String dn = addOfficial("tuan.nv", "Nguyễn Văn Tuấn", INITIAL, true);
        assertEquals(List.of("Mật khẩu phải có ít nhất 10 ký tự.",
                "Mật khẩu không được chứa từ trong họ tên (Tuấn)."),
                policy.changePassword(dn, INITIAL, "Tuan-99", FROM));
        assertEquals(List.of(PasswordChanges.WRONG_CURRENT), policy.changePassword(dn, "Sai-rồi-2026", "Hoa-sen-2026", FROM));
        assertEquals(1, account("tuan.nv").failedSignIns()); // a wrong current password is a failed sign-in
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn("tuan.nv", INITIAL, FROM).decision()); // nothing changed

        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), policy.changePassword(dn, INITIAL, "Hoa-sen-2026", FROM));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("tuan.nv", "Hoa-sen-2026", FROM).decision());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("tuan.nv", INITIAL, FROM).decision());
        SignInState state = account("tuan.nv");
        assertFalse(state.mustChange());
        assertEquals(clock.instant(), state.passwordChangedAt());
        assertEquals(1, state.failedSignIns()); // the wrong INITIAL just now; the change had cleared the count

        String history = "Mật khẩu mới không được trùng với một trong 3 mật khẩu gần nhất.";
        assertEquals(List.of(history), policy.changePassword(dn, "Hoa-sen-2026", "Hoa-sen-2026", FROM));
        assertEquals(List.of(), policy.changePassword(dn, "Hoa-sen-2026", "Mai-dao-2027", FROM));
        assertEquals(List.of(history), policy.changePassword(dn, "Mai-dao-2027", "Hoa-sen-2026", FROM));
        assertEquals(2, client.entry(dn, SignInAttributes.PASSWORD_HISTORY).orElseThrow()
                .getAttribute(SignInAttributes.PASSWORD_HISTORY).size());
        assertEquals(0, account("tuan.nv").failedSignIns());

        assertEquals(2, audited(AuditAction.PASSWORD_CHANGED, "tuan.nv").size());
        List<AuditEvent> refused = audited(AuditAction.PASSWORD_CHANGE_REFUSED, "tuan.nv");
        assertEquals(4, refused.size());
        assertEquals(PasswordChanges.WRONG_CURRENT, refused.get(1).detail());
        assertEquals("tuan.nv", refused.get(0).actor());
        assertNoSecretAudited(INITIAL, "Hoa-sen-2026", "Mai-dao-2027", "Sai-rồi-2026", "Tuan-99");
    }

    @Test
    public void theServiceAccountSetsAndAnAdministratorResets() throws Exception {
        String dn = addOfficial("binh.tt", "Trần Thị Bình", INITIAL, true);
        assertEquals(List.of("Mật khẩu phải có ký tự thuộc ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, "
                + "ký tự khác."), policy.changePasswordAsService(dn, "hoasenhoasen", "reset-code", FROM));
        assertEquals(List.of(), policy.changePasswordAsService(dn, "Hoa-sen-2026", "reset-code", FROM));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("binh.tt", "Hoa-sen-2026", FROM).decision());

        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn, "attacker", FROM);
        }
        String fresh = policy.resetPassword(dn, "admin", "10.0.0.1");
        assertNotEquals("Hoa-sen-2026", fresh);
        assertEquals(List.of(), policy.rules().problems(fresh, "x", "", PasswordHistory.empty()),
                "an initial password passes the rules it asks for");
        SignInState state = account("binh.tt");
        assertTrue(state.mustChange());
        assertFalse(state.lockedAt(clock.instant())); // a reset also lifts the lock
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn("binh.tt", fresh, FROM).decision());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("binh.tt", "Hoa-sen-2026", FROM).decision());
        assertEquals(List.of("Mật khẩu mới không được trùng với một trong 3 mật khẩu gần nhất."),
                policy.changePassword(dn, fresh, "Hoa-sen-2026", FROM));
        assertEquals(List.of(), policy.changePassword(dn, fresh, "Cúc-hồng-2026", FROM));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("binh.tt", "Cúc-hồng-2026", FROM).decision());

        List<AuditEvent> resets = audited(AuditAction.PASSWORD_RESET, "binh.tt");
        assertEquals(1, resets.size());
        assertEquals("admin", resets.get(0).actor());
        List<AuditEvent> changes = audited(AuditAction.PASSWORD_CHANGED, "binh.tt");
        assertEquals(List.of("reset-code", "binh.tt"), changes.stream().map(AuditEvent::actor).toList());
        assertNoSecretAudited(fresh, "Hoa-sen-2026", "Cúc-hồng-2026", "hoasenhoasen");
    }
}
