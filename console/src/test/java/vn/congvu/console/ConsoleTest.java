package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditTrail;
import vn.congvu.console.home.MailClientSettings;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.PasswordHistory;
import vn.congvu.directory.signin.SignInDecision;

/**
 * The console over real HTTP against the embedded directory: sign-in by mail address or uid, refusals, the shared
 * lockout, the first-use change (the change form and nothing else until the password is changed), the change API
 * with the policy's Vietnamese sentences, and the home page with the official's account and mail settings.
 */
class ConsoleTest extends ConsoleOnProvince {

    static final String PASSWORD = "Sông-Trà-2026";
    static final String INITIAL = "Khởi-tạo-2026";
    static final String NEW = "Núi-Ấn-sông-Trà-9";

    @BeforeAll
    static void officials() throws Exception {
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, "an.nv", "Nguyễn Văn An", PASSWORD, false);
            province.addToGroup(c, "an.nv", "notice-senders");
            province.addOfficial(c, "giang.hv", "Hoàng Văn Giang", PASSWORD, false);
            province.addOfficial(c, "chi.lv", "Lê Văn Chí", PASSWORD, false);
            province.addOfficial(c, "binh.tt", "Trần Thị Bình", INITIAL, true);
            province.addOfficial(c, "dung.pt", "Phạm Tiến Dũng", INITIAL, true);
        }
    }

    @Autowired
    MailClientSettings mail;

    @Test
    void anOfficialSignsInWithTheirMailAddressAndSeesWhatIsTheirs() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/login", Browser.location(b.get("/")), "a stranger is sent to the sign-in form");
        HttpResponse<String> in = b.signIn(Province.mail("an.nv"), PASSWORD);
        assertEquals(302, in.statusCode());
        assertEquals("/", Browser.location(in));

        HttpResponse<String> home = b.get("/");
        assertEquals(200, home.statusCode());
        String page = home.body();
        for (String expected : List.of("Nguyễn Văn An", "an.nv@example.gov.vn", Province.UNIT, "đang hoạt động",
                "Cài đặt ứng dụng thư", mail.host(), "href=\"/notices\"", "href=\"/account/totp\"")) {
            assertTrue(page.contains(expected), expected + " on the home page:\n" + page);
        }
        assertEquals(6, mail.listeners().size(), "IMAP, IMAPS, POP3, POP3S, submission and SMTPS: " + mail.listeners());
        for (MailClientSettings.Listener l : mail.listeners()) {
            assertTrue(page.contains("cổng " + l.port() + ", bảo mật " + l.tls().label()), l + " on\n" + page);
        }
        assertTrue(page.contains("name=\"_csrf\""), "the sign-out form carries the CSRF token");
    }

    @Test
    void theBareUidSignsInAndAnOfficialWithoutRolesSeesNoRoleLinks() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/", Browser.location(b.signIn("giang.hv", PASSWORD)));
        String page = b.get("/").body();
        assertTrue(page.contains("Hoàng Văn Giang"), page);
        assertFalse(page.contains("id=\"notices\""), "not a notice sender");
        assertFalse(page.contains("id=\"administration\""), "not an administrator");
    }

    @Test
    void aWrongPasswordIsRefusedWithThePolicySentence() throws Exception {
        Browser b = new Browser(port);
        HttpResponse<String> in = b.signIn("giang.hv", "không-phải-nó");
        assertEquals("/login?error", Browser.location(in));
        String form = b.get("/login?error").body();
        assertTrue(form.contains(policy.messages().text(SignInDecision.WRONG_PASSWORD)), form);
        assertEquals("/login", Browser.location(b.get("/")), "still signed out");
        assertEquals("/login?error", Browser.location(b.signIn("khong.co.ai", PASSWORD)), "an unknown login");
    }

    @Test
    void failuresLockTheAccountInTheDirectoryAndALockedAccountIsRefusedLikeAWrongPassword() throws Exception {
        Browser b = new Browser(port);
        for (int i = 0; i < Province.ATTEMPTS; i++) {
            assertEquals("/login?error", Browser.location(b.signIn("chi.lv", "sai-" + i)));
        }
        assertTrue(policy.account("chi.lv").orElseThrow().lockedUntil() != null, "the lock is in the directory");
        HttpResponse<String> right = b.signIn("chi.lv", PASSWORD);
        assertEquals("/login?error", Browser.location(right), "the right password while locked");
        String form = b.get("/login?error").body();
        assertTrue(form.contains(policy.messages().text(SignInDecision.WRONG_PASSWORD)), form);
        assertFalse(form.contains(policy.messages().text(SignInDecision.LOCKED)), "the lock is not told");
        assertEquals(401, b.postJson("/api/v1/account/password", "chi.lv", PASSWORD,
                "{\"current\":\"" + PASSWORD + "\",\"new\":\"" + NEW + "\"}").statusCode(), "nor through the API");

        AuditTrail trail = new AuditTrail(province.home().resolve("audit"));
        List<AuditEvent> failures = trail.search(new AuditTrail.Query(null, null, null, "chi.lv",
                AuditAction.SIGN_IN_FAILED, 100));
        assertEquals(Province.ATTEMPTS, failures.stream().filter(e -> "wrong password".equals(e.detail())).count());
        // the right password on the form and the API's tries (the HTTP client retries a 401) while locked
        assertTrue(failures.stream().filter(e -> "account locked".equals(e.detail())).count() >= 2, failures.toString());
        assertTrue(failures.stream().allMatch(e -> e.process().equals("console")
                && e.source().equals("console 127.0.0.1")), failures.toString());
        assertEquals(1, trail.search(new AuditTrail.Query(null, null, null, "chi.lv", AuditAction.ACCOUNT_LOCKED, 100))
                .size());
    }

    @Test
    void anInitialPasswordSignsInToTheChangeFormOnlyUntilChanged() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/account/password", Browser.location(b.signIn(Province.mail("binh.tt"), INITIAL)));
        for (String elsewhere : List.of("/", "/admin", "/anything")) {
            assertEquals("/account/password", Browser.location(b.get(elsewhere)), elsewhere + " before the change");
        }
        HttpResponse<String> form = b.get("/account/password");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Đổi mật khẩu"), form.body());

        assertEquals(403, b.post("/account/password", Map.of("current", INITIAL, "new", NEW, "confirm", NEW))
                .statusCode(), "no change without the form's CSRF token");
        b.get("/account/password");
        HttpResponse<String> weak = b.submit("/account/password",
                Map.of("current", INITIAL, "new", "binh2026", "confirm", "binh2026"));
        assertEquals(422, weak.statusCode());
        List<String> expected = policy.rules().problems("binh2026", "binh.tt", "Trần Thị Bình",
                PasswordHistory.empty());
        assertFalse(expected.isEmpty());
        for (String sentence : expected) {
            assertTrue(weak.body().contains(sentence), sentence + " in\n" + weak.body());
        }
        assertTrue(policy.account("binh.tt").orElseThrow().mustChange(), "nothing changed yet");

        HttpResponse<String> done = b.submit("/account/password", Map.of("current", INITIAL, "new", NEW,
                "confirm", NEW));
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/?changed", Browser.location(done));
        HttpResponse<String> home = b.get("/?changed");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains("Trần Thị Bình") && home.body().contains("Đã đổi mật khẩu"), home.body());
        assertFalse(policy.account("binh.tt").orElseThrow().mustChange(), "the flag is gone");

        assertEquals("/login?error", Browser.location(new Browser(port).signIn("binh.tt", INITIAL)));
        assertEquals("/", Browser.location(new Browser(port).signIn("binh.tt", NEW)));
    }

    @Test
    void theChangeApiTakesTheInitialPasswordAndAnswersTheRulesInVietnamese() throws Exception {
        Browser b = new Browser(port);
        String api = "/api/v1/account/password";
        assertEquals(401, b.postJson(api, "dung.pt", "sai-mật-khẩu",
                "{\"current\":\"" + INITIAL + "\",\"new\":\"" + NEW + "\"}").statusCode());

        HttpResponse<String> weak = b.postJson(api, Province.mail("dung.pt"), INITIAL,
                "{\"current\":\"" + INITIAL + "\",\"new\":\"Dũng-1\"}");
        assertEquals(422, weak.statusCode(), weak.body());
        List<String> problems = JsonPath.read(weak.body(), "$.problems");
        assertEquals(policy.rules().problems("Dũng-1", "dung.pt", "Phạm Tiến Dũng", PasswordHistory.empty()),
                problems);
        assertTrue(problems.size() >= 2, "too short and a word of the name: " + problems);

        HttpResponse<String> done = b.postJson(api, "dung.pt", INITIAL,
                "{\"current\":\"" + INITIAL + "\",\"new\":\"" + NEW + "\"}");
        assertEquals(204, done.statusCode(), done.body());
        assertFalse(policy.account("dung.pt").orElseThrow().mustChange());
        assertEquals(SignInDecision.ALLOWED, policy.signIn("dung.pt", NEW, "test").decision());
        assertEquals(401, b.postJson(api, "dung.pt", INITIAL, "{}").statusCode(), "the old password is gone");
    }
}
