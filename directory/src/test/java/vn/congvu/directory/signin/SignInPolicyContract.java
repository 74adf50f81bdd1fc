package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditLog;
import vn.congvu.audit.AuditSettings;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.password.SaltedSha;

/**
 * The sign-in policy against a real directory, run once per server kind (the embedded directory, Debian's slapd):
 * both must store the attributes, count failures atomically and carry out Password Modify.
 */
public abstract class SignInPolicyContract {

    protected static final int ATTEMPTS = 6;
    protected static final AccountPolicy POLICY = new AccountPolicy(ATTEMPTS, Duration.ofMinutes(15), 10, 3, 3,
            Duration.ZERO, Duration.ofMinutes(10), 5, 3, "https://thu.example.gov.vn");
    protected static final String INITIAL = "Khởi-tạo-2026";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    protected DirectoryClient client;
    protected SignInPolicy policy;
    @TempDir
    protected Path auditDirectory;
    protected AuditLog audit;
    private static final String FROM = "192.0.2.10";

    /** The service account's settings for the server under test. */
    protected abstract DirectorySettings settings();

    @BeforeEach
    void openClient() {
        client = new DirectoryClient(settings());
        audit = auditLog();
        policy = new SignInPolicy(client, POLICY, clock, audit);
    }

    @AfterEach
    void closeClient() {
        client.close();
        audit.close();
    }

    private AuditLog auditLog() {
        return new AuditLog(auditDirectory, "test", new AuditSettings(365), clock);
    }

    /** The audit records of one action for one account, oldest first. */
    protected List<AuditEvent> audited(AuditAction action, String uid) {
        List<AuditEvent> found = new ArrayList<>(new AuditTrail(auditDirectory)
                .search(new AuditTrail.Query(null, null, null, uid, action, 10_000)));
        java.util.Collections.reverse(found);
        return found;
    }

    /** No audit file holds any of {@code secrets}. */
    protected void assertNoSecretAudited(String... secrets) throws Exception {
        try (var files = Files.list(auditDirectory)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(text.contains(secret), file + " holds a password");
                }
            }
        }
    }

    /** An official as provisioning writes one, with a {SSHA} password. Returns the DN. */
    protected String addOfficial(String uid, String fullName, String password, boolean mustChange) throws Exception {
        String dn = client.layout().personDn(uid);
        List<LdapAttribute> attributes = new ArrayList<>(List.of(
                new LdapAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                        "congvuAccount"),
                new LdapAttribute("uid", uid),
                new LdapAttribute("cn", fullName),
                new LdapAttribute("sn", fullName.substring(fullName.lastIndexOf(' ') + 1)),
                new LdapAttribute("mail", uid + "@" + client.layout().domain()),
                new LdapAttribute("congvuAccountStatus", "active"),
                new LdapAttribute("userPassword", SaltedSha.SSHA.hash(password))));
        if (mustChange) {
            attributes.add(new LdapAttribute("congvuPasswordMustChange", "TRUE"));
        }
        ensureParents();
        AddResponse r = new AddOperation(client.connectionFactory()).execute(new AddRequest(dn, attributes));
        assertTrue(r.isSuccess(), r.toString());
        return dn;
    }

    /** Creates ou=people when the server holds only its suffix (slapd); the embedded directory seeds it. */
    protected void ensureParents() throws Exception {
        String people = client.layout().peopleDn();
        if (client.entry(people, "ou").isEmpty()) {
            AddResponse r = new AddOperation(client.connectionFactory()).execute(new AddRequest(people, List.of(
                    new LdapAttribute("objectClass", "top", "organizationalUnit"),
                    new LdapAttribute("ou", "people"))));
            assertTrue(r.isSuccess(), r.toString());
        }
    }

    protected SignInState account(String uid) {
        return policy.account(uid).orElseThrow();
    }

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
