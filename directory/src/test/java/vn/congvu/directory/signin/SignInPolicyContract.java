package vn.congvu.directory.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapEntry;
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
            Duration.ZERO, Duration.ofMinutes(10), "https://thu.example.gov.vn");
    protected static final String INITIAL = "Khởi-tạo-2026";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T08:00:00Z"));
    protected DirectoryClient client;
    protected SignInPolicy policy;

    /** The service account's settings for the server under test. */
    protected abstract DirectorySettings settings();

    @BeforeEach
    void openClient() {
        client = new DirectoryClient(settings());
        policy = new SignInPolicy(client, POLICY, clock);
    }

    @AfterEach
    void closeClient() {
        client.close();
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
                SignInPolicy nodePolicy = new SignInPolicy(node, POLICY, clock);
                results.add(pool.submit(() -> {
                    start.await();
                    return nodePolicy.signIn(uid, "sai-mật-khẩu").decision();
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

        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("khoa.lt", "sai-lần-cuối").decision());
        state = account("khoa.lt");
        assertEquals(clock.instant().plus(Duration.ofMinutes(15)), state.lockedUntil());
        assertEquals(0, state.failedSignIns()); // a fresh count for after the lock
        // refused whatever the password, on this node and on any other
        assertEquals(SignInDecision.LOCKED, policy.signIn("khoa.lt", INITIAL).decision());
        try (DirectoryClient other = new DirectoryClient(settings())) {
            assertEquals(SignInDecision.LOCKED,
                    new SignInPolicy(other, POLICY, clock).signIn("khoa.lt@example.gov.vn", INITIAL).decision());
        }
        assertEquals(0, account("khoa.lt").failedSignIns()); // attempts while locked are not counted
    }

    @Test
    public void theLimitReachedByManyAtOnceLocks() throws Exception {
        addOfficial("minh.pd", "Phạm Đức Minh", INITIAL, false);
        failTogether("minh.pd", ATTEMPTS);
        assertTrue(account("minh.pd").lockedAt(clock.instant()));
        assertEquals(SignInDecision.LOCKED, policy.signIn("minh.pd", INITIAL).decision());
    }

    @Test
    public void aLockEndsWithTimeAndASuccessResetsTheCount() throws Exception {
        String dn = addOfficial("lan.nt", "Nguyễn Thị Lan", INITIAL, false);
        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn);
        }
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertEquals(SignInDecision.LOCKED, policy.signIn("lan.nt", INITIAL).decision());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("lan.nt", INITIAL).decision());

        policy.signIn("lan.nt", "sai-1");
        policy.signIn("lan.nt", "sai-2");
        assertEquals(2, account("lan.nt").failedSignIns());
        assertEquals(SignInDecision.ALLOWED, policy.signIn("lan.nt", INITIAL).decision());
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
            policy.recordFailure(dn);
        }
        assertEquals(SignInDecision.LOCKED, policy.signIn("son.tv", INITIAL).decision());
        policy.unlock(dn);
        assertEquals(SignInDecision.ALLOWED, policy.signIn("son.tv", INITIAL).decision());
    }

    @Test
    public void anInitialPasswordMustBeChangedAndTheCallersOwnSearchDecides() throws Exception {
        addOfficial("ha.dt", "Đỗ Thu Hà", INITIAL, true);
        SignInResult first = policy.signIn("ha.dt@example.gov.vn", INITIAL);
        assertEquals(SignInDecision.MUST_CHANGE, first.decision());
        assertEquals("ha.dt", first.official().uid()); // the caller has the official from the same search
        assertEquals("Đỗ Thu Hà", first.official().fullName());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("ha.dt", "Khởi-tạo-2025").decision());
        assertEquals(new SignInResult(SignInDecision.WRONG_PASSWORD, null, null), policy.signIn("khong.co", INITIAL));

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
                policy.changePassword(dn, INITIAL, "Tuan-99"));
        assertEquals(List.of(PasswordChanges.WRONG_CURRENT), policy.changePassword(dn, "Sai-rồi-2026", "Hoa-sen-2026"));
        assertEquals(1, account("tuan.nv").failedSignIns()); // a wrong current password is a failed sign-in
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn("tuan.nv", INITIAL).decision()); // nothing changed

        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), policy.changePassword(dn, INITIAL, "Hoa-sen-2026"));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("tuan.nv", "Hoa-sen-2026").decision());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("tuan.nv", INITIAL).decision());
        SignInState state = account("tuan.nv");
        assertFalse(state.mustChange());
        assertEquals(clock.instant(), state.passwordChangedAt());
        assertEquals(1, state.failedSignIns()); // the wrong INITIAL just now; the change had cleared the count

        String history = "Mật khẩu mới không được trùng với một trong 3 mật khẩu gần nhất.";
        assertEquals(List.of(history), policy.changePassword(dn, "Hoa-sen-2026", "Hoa-sen-2026"));
        assertEquals(List.of(), policy.changePassword(dn, "Hoa-sen-2026", "Mai-dao-2027"));
        assertEquals(List.of(history), policy.changePassword(dn, "Mai-dao-2027", "Hoa-sen-2026"));
        assertEquals(2, client.entry(dn, SignInAttributes.PASSWORD_HISTORY).orElseThrow()
                .getAttribute(SignInAttributes.PASSWORD_HISTORY).size());
        assertEquals(0, account("tuan.nv").failedSignIns());
    }

    @Test
    public void theServiceAccountSetsAndAnAdministratorResets() throws Exception {
        String dn = addOfficial("binh.tt", "Trần Thị Bình", INITIAL, true);
        assertEquals(List.of("Mật khẩu phải có ký tự thuộc ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, "
                + "ký tự khác."), policy.changePasswordAsService(dn, "hoasenhoasen"));
        assertEquals(List.of(), policy.changePasswordAsService(dn, "Hoa-sen-2026"));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("binh.tt", "Hoa-sen-2026").decision());

        for (int i = 0; i < ATTEMPTS; i++) {
            policy.recordFailure(dn);
        }
        String fresh = policy.resetPassword(dn);
        assertNotEquals("Hoa-sen-2026", fresh);
        assertEquals(List.of(), policy.rules().problems(fresh, "x", "", PasswordHistory.empty()),
                "an initial password passes the rules it asks for");
        SignInState state = account("binh.tt");
        assertTrue(state.mustChange());
        assertFalse(state.lockedAt(clock.instant())); // a reset also lifts the lock
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn("binh.tt", fresh).decision());
        assertEquals(SignInDecision.WRONG_PASSWORD, policy.signIn("binh.tt", "Hoa-sen-2026").decision());
        assertEquals(List.of("Mật khẩu mới không được trùng với một trong 3 mật khẩu gần nhất."),
                policy.changePassword(dn, fresh, "Hoa-sen-2026"));
        assertEquals(List.of(), policy.changePassword(dn, fresh, "Cúc-hồng-2026"));
        assertEquals(SignInDecision.ALLOWED, policy.signIn("binh.tt", "Cúc-hồng-2026").decision());
    }
}
