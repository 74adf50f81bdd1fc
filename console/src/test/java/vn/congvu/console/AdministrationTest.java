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
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditEvent;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.SignInDecision;

/**
 * The first slice of administration: administrators need a second factor (the enrolment page only, 403 on the API
 * saying so), officials get 403; unlock and reset-password by an administrator with the code, written to the audit
 * log with the administrator as actor and the client's address as source; the audit API's filters and the page.
 */
class AdministrationTest extends ConsoleOnProvince {

    static final String PASSWORD = "Cầu-Rồng-Đà-Nẵng-26";
    static final String ADMIN = "quan.tv";
    static final String NEW_ADMIN = "moi.tv";
    static final String OFFICIAL = "nga.pt";
    static Authenticator adminApp;

    @BeforeAll
    static void officials() throws Exception {
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, ADMIN, "Trần Văn Quân", PASSWORD, false);
            province.addToGroup(c, ADMIN, "directory-admins");
            province.addOfficial(c, NEW_ADMIN, "Võ Văn Mới", PASSWORD, false);
            province.addToGroup(c, NEW_ADMIN, "directory-admins");
            province.addOfficial(c, OFFICIAL, "Phạm Thị Nga", PASSWORD, false);
        }
    }

    /** The administrator's second factor, set up as the enrolment page would (once for the class). */
    private Authenticator admin() {
        if (adminApp == null) {
            String dn = policy.account(ADMIN).orElseThrow().dn();
            adminApp = new Authenticator(policy.secondFactor().enrol(dn).secret());
            assertTrue(policy.secondFactor().confirm(dn, adminApp.now(), "test").isPresent());
        }
        return adminApp;
    }

    @Test
    void anAdministratorWithoutASecondFactorIsSentToEnrolAndRefusedByTheApi() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/account/totp", Browser.location(b.signIn(NEW_ADMIN, PASSWORD)));
        for (String elsewhere : List.of("/", "/notices", "/admin/audit", "/account/password")) {
            assertEquals("/account/totp", Browser.location(b.get(elsewhere)), elsewhere);
        }
        HttpResponse<String> page = b.get("/account/totp");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"must-enrol\""), page.body());

        HttpResponse<String> api = b.api("GET", "/api/v1/admin/audit", NEW_ADMIN, PASSWORD, null, null);
        assertEquals(403, api.statusCode(), api.body());
        assertTrue(JsonPath.<String>read(api.body(), "$.error").contains("xác thực hai bước"), api.body());
        assertEquals(403, b.api("POST", "/api/v1/admin/officials/" + OFFICIAL + "/unlock", NEW_ADMIN, PASSWORD,
                null, null).statusCode());
    }

    @Test
    void anOfficialIsRefusedTheAdministration() throws Exception {
        Browser b = new Browser(port);
        for (String path : List.of("/api/v1/admin/audit", "/api/v1/admin/officials/" + ADMIN + "/unlock",
                "/api/v1/admin/officials/" + ADMIN + "/reset-password")) {
            HttpResponse<String> r = b.api(path.endsWith("audit") ? "GET" : "POST", path, OFFICIAL, PASSWORD, null,
                    null);
            assertEquals(403, r.statusCode(), path + " " + r.body());
            assertTrue(JsonPath.<String>read(r.body(), "$.error").contains("directory-admins"), r.body());
        }
        b.signIn(OFFICIAL, PASSWORD);
        assertEquals(403, b.get("/admin/audit").statusCode());
        assertFalse(b.get("/").body().contains("id=\"administration\""));
    }

    @Test
    void anAdministratorUnlocksAndResetsAndBothAreAudited() throws Exception {
        Authenticator app = admin();
        String locked = "khoa.dt";
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, locked, "Đỗ Thị Khoa", PASSWORD, false);
        }
        for (int i = 0; i < Province.ATTEMPTS; i++) {
            policy.signIn(locked, "sai-" + i, "test");
        }
        assertEquals(SignInDecision.LOCKED, policy.signIn(locked, PASSWORD, "test").decision());

        Browser b = new Browser(port);
        HttpResponse<String> unlocked = b.api("POST", "/api/v1/admin/officials/" + locked + "/unlock", ADMIN,
                PASSWORD, app.next(), null);
        assertEquals(204, unlocked.statusCode(), unlocked.body());
        assertEquals(SignInDecision.ALLOWED, policy.signIn(locked, PASSWORD, "test").decision());

        HttpResponse<String> reset = b.api("POST", "/api/v1/admin/officials/" + locked + "/reset-password", ADMIN,
                PASSWORD, app.next(), null);
        assertEquals(200, reset.statusCode(), reset.body());
        String initial = JsonPath.read(reset.body(), "$.initialPassword");
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn(locked, initial, "test").decision());
        assertEquals(404, b.api("POST", "/api/v1/admin/officials/khong.co/unlock", ADMIN, PASSWORD, app.next(), null)
                .statusCode());

        AuditTrail trail = new AuditTrail(province.home().resolve("audit"));
        for (AuditAction action : List.of(AuditAction.ACCOUNT_UNLOCKED, AuditAction.PASSWORD_RESET)) {
            List<AuditEvent> found = trail.search(new AuditTrail.Query(null, null, ADMIN, locked, action, 10));
            assertEquals(1, found.size(), action.toString());
            assertEquals("console 127.0.0.1", found.get(0).source());
            assertFalse(String.valueOf(found.get(0)).contains(initial), "no password in the log");
        }

        // the audit API's filters
        HttpResponse<String> byAction = b.api("GET", "/api/v1/admin/audit?actor=" + ADMIN
                + "&action=account-unlocked", ADMIN, PASSWORD, app.next(), null);
        assertEquals(200, byAction.statusCode(), byAction.body());
        assertEquals(List.of(locked), JsonPath.read(byAction.body(), "$[*].subject"));
        assertEquals(List.of("account-unlocked"), JsonPath.read(byAction.body(), "$[*].action"));
        HttpResponse<String> bySubject = b.api("GET", "/api/v1/admin/audit?subject=" + locked + "&limit=2", ADMIN,
                PASSWORD, app.next(), null);
        assertEquals(List.of("password-reset", "account-unlocked"), JsonPath.read(bySubject.body(), "$[*].action"),
                "newest first, two of them");
        HttpResponse<String> later = b.api("GET", "/api/v1/admin/audit?subject=" + locked + "&since="
                + clock.instant().plusSeconds(3600), ADMIN, PASSWORD, app.next(), null);
        assertEquals("[]", later.body().replace(" ", ""));
        HttpResponse<String> bad = b.api("GET", "/api/v1/admin/audit?action=no-such-thing", ADMIN, PASSWORD,
                app.next(), null);
        assertEquals(400, bad.statusCode(), bad.body());

        // the mail server blocked its external mail (too many external recipients); the administrator lifts it
        String dn = policy.account(locked).orElseThrow().dn();
        assertEquals(409, b.api("POST", "/api/v1/admin/officials/" + locked + "/allow-external-mail", ADMIN, PASSWORD,
                app.next(), null).statusCode(), "not blocked yet");
        assertTrue(policy.outboundBlock().block(dn, "more than 250 recipients outside", "smtp 192.0.2.4"));
        assertTrue(policy.outboundBlock().since(dn).isPresent());
        HttpResponse<String> allowed = b.api("POST", "/api/v1/admin/officials/" + locked + "/allow-external-mail",
                ADMIN, PASSWORD, app.next(), null);
        assertEquals(204, allowed.statusCode(), allowed.body());
        assertTrue(policy.outboundBlock().since(dn).isEmpty());
        assertEquals(1, new AuditTrail(province.home().resolve("audit")).search(new AuditTrail.Query(null, null, ADMIN,
                locked, AuditAction.OUTBOUND_UNBLOCKED, 10)).size());

        // the officials list, and disabling / enabling an account
        HttpResponse<String> list = b.api("GET", "/api/v1/admin/officials?q=khoa", ADMIN, PASSWORD, app.next(), null);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(List.of(locked), JsonPath.read(list.body(), "$[*].uid"));
        assertEquals(List.of("active"), JsonPath.read(list.body(), "$[*].status"));
        assertEquals(204, b.api("POST", "/api/v1/admin/officials/" + locked + "/disable", ADMIN, PASSWORD, app.next(),
                null).statusCode());
        assertEquals(SignInDecision.DISABLED, policy.signIn(locked, initial, "test").decision());
        assertEquals(409, b.api("POST", "/api/v1/admin/officials/" + locked + "/disable", ADMIN, PASSWORD, app.next(),
                null).statusCode(), "already disabled");
        assertEquals(409, b.api("POST", "/api/v1/admin/officials/" + ADMIN + "/disable", ADMIN, PASSWORD, app.next(),
                null).statusCode(), "not one's own account");
        assertEquals(204, b.api("POST", "/api/v1/admin/officials/" + locked + "/enable", ADMIN, PASSWORD, app.next(),
                null).statusCode());
        assertEquals(SignInDecision.MUST_CHANGE, policy.signIn(locked, initial, "test").decision());
        List<AuditEvent> statusChanges = new AuditTrail(province.home().resolve("audit")).search(
                new AuditTrail.Query(null, null, ADMIN, locked, null, 100)).stream()
                .filter(e -> e.action() == AuditAction.ACCOUNT_DISABLED || e.action() == AuditAction.ACCOUNT_ENABLED)
                .toList();
        assertEquals(List.of("disabled>active", "active>disabled"),
                statusChanges.stream().map(e -> e.before() + ">" + e.after()).toList());
        assertEquals(400, b.api("GET", "/api/v1/admin/officials?limit=0", ADMIN, PASSWORD, app.next(), null)
                .statusCode());

        // the page, after the sign-in's second step
        b.signIn(ADMIN, PASSWORD);
        b.get("/login/code");
        assertEquals("/", Browser.location(b.submit("/login/code", Map.of("code", app.next()))));
        assertTrue(b.get("/").body().contains("id=\"administration\""));
        HttpResponse<String> page = b.get("/admin/audit?subject=" + locked);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("account-unlocked") && page.body().contains("password-reset"), page.body());
    }
}
