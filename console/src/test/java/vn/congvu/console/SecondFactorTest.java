package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditTrail;
import vn.congvu.console.signin.DirectorySignIn;
import vn.congvu.directory.client.DirectoryClient;

/**
 * The second factor on the console: enrolment on the page (secret, URI, first code, recovery codes once) and by the
 * API, then the sign-in's second step (a wrong code refused and counted, a used code refused, a recovery code
 * accepted once) and API calls that must carry X-CongVu-OTP. Codes are computed on the console's stepping clock.
 */
class SecondFactorTest extends ConsoleOnProvince {

    static final String PASSWORD = "Đèo-Hải-Vân-2026";
    static final Pattern SECRET = Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>");
    static final Pattern RECOVERY = Pattern.compile("<li><code>([^<]+)</code></li>");

    @BeforeAll
    static void officials() throws Exception {
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, "thu.nt", "Nguyễn Thị Thu", PASSWORD, false);
            province.addOfficial(c, "tam.lv", "Lê Văn Tâm", PASSWORD, false);
        }
    }

    @Test
    void enrolledOnThePageTheSignInAsksForTheCodeAndRefusesWrongAndUsedOnes() throws Exception {
        Browser b = new Browser(port);
        assertEquals("/", Browser.location(b.signIn("thu.nt", PASSWORD)), "no second factor yet: straight in");
        assertTrue(b.get("/account/totp").body().contains("Chưa bật."));
        HttpResponse<String> started = b.submit("/account/totp", Map.of());
        assertEquals(200, started.statusCode(), started.body());
        Matcher m = SECRET.matcher(started.body());
        assertTrue(m.find(), started.body());
        Authenticator app = Authenticator.of(m.group(1));
        assertTrue(started.body().contains("otpauth://totp/CongVu:thu.nt%40example.gov.vn?secret=" + app.secret())
                || started.body().contains("otpauth://totp/CongVu:thu.nt@example.gov.vn?secret=" + app.secret()),
                started.body());
        assertTrue(started.body().contains("<figure id=\"qr\"><svg xmlns=\"http://www.w3.org/2000/svg\""),
                "the QR code to scan, drawn inline");

        assertEquals(422, b.submit("/account/totp/confirm", Map.of("code", app.wrong())).statusCode());
        HttpResponse<String> confirmed = b.submit("/account/totp/confirm", Map.of("code", app.now()));
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        List<String> recovery = new ArrayList<>();
        Matcher r = RECOVERY.matcher(confirmed.body());
        while (r.find()) {
            recovery.add(r.group(1));
        }
        assertEquals(10, recovery.size(), confirmed.body());
        assertTrue(policy.secondFactor().enabled(policy.account("thu.nt").orElseThrow().dn()));

        // a new sign-in: the password alone opens the code form and nothing else
        Browser next = new Browser(port);
        assertEquals("/login/code", Browser.location(next.signIn("thu.nt", PASSWORD)));
        assertEquals("/login/code", Browser.location(next.get("/")), "not signed in until the code");
        assertEquals("/login/code", Browser.location(next.get("/account/password")));
        assertEquals(200, next.get("/login/code").statusCode());
        HttpResponse<String> wrong = next.submit("/login/code", Map.of("code", app.wrong()));
        assertEquals(422, wrong.statusCode());
        assertTrue(wrong.body().contains(DirectorySignIn.WRONG_CODE), wrong.body());
        assertEquals(422, next.submit("/login/code", Map.of("code", app.now())).statusCode(),
                "the step used at enrolment is not accepted again");
        String code = app.next();
        HttpResponse<String> in = next.submit("/login/code", Map.of("code", code));
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/", Browser.location(in));
        assertTrue(next.get("/").body().contains("Nguyễn Thị Thu"));

        Browser replay = new Browser(port);
        assertEquals("/login/code", Browser.location(replay.signIn("thu.nt", PASSWORD)));
        replay.get("/login/code");
        assertEquals(422, replay.submit("/login/code", Map.of("code", code)).statusCode(), "a replayed code");
        replay.get("/login/code");
        assertEquals("/", Browser.location(replay.submit("/login/code", Map.of("code", recovery.get(0)))),
                "a recovery code");
        Browser again = new Browser(port);
        again.signIn("thu.nt", PASSWORD);
        again.get("/login/code");
        assertEquals(422, again.submit("/login/code", Map.of("code", recovery.get(0))).statusCode(),
                "a recovery code is used once");

        AuditTrail trail = new AuditTrail(province.home().resolve("audit"));
        assertTrue(trail.search(new AuditTrail.Query(null, null, null, "thu.nt", AuditAction.SECOND_FACTOR_FAILED,
                100)).size() >= 4, "wrong, used and replayed codes are audited");
        assertEquals(1, trail.search(new AuditTrail.Query(null, null, null, "thu.nt",
                AuditAction.RECOVERY_CODE_USED, 100)).size());

        // setting it up again (a new phone) needs the current code
        next.get("/account/totp");
        assertEquals(422, next.submit("/account/totp", Map.of("current", app.wrong())).statusCode());
        next.get("/account/totp");
        HttpResponse<String> renewed = next.submit("/account/totp", Map.of("current", app.next()));
        assertEquals(200, renewed.statusCode(), renewed.body());
        assertTrue(SECRET.matcher(renewed.body()).find());
    }

    @Test
    void theApiEnrolsAndThenEveryCallCarriesTheCurrentCode() throws Exception {
        Browser b = new Browser(port);
        HttpResponse<String> enrol = b.api("POST", "/api/v1/account/totp", "tam.lv", PASSWORD, null, null);
        assertEquals(200, enrol.statusCode(), enrol.body());
        Authenticator app = new Authenticator(JsonPath.read(enrol.body(), "$.secret"));
        String uri = JsonPath.read(enrol.body(), "$.uri");
        assertTrue(uri.startsWith("otpauth://totp/CongVu:") && uri.contains("secret=" + app.secret())
                && uri.contains("digits=6") && uri.contains("period=30"), uri);

        HttpResponse<String> bad = b.api("POST", "/api/v1/account/totp/confirm", "tam.lv", PASSWORD, null,
                "{\"code\":\"" + app.wrong() + "\"}");
        assertEquals(422, bad.statusCode(), bad.body());
        HttpResponse<String> ok = b.api("POST", "/api/v1/account/totp/confirm", "tam.lv", PASSWORD, null,
                "{\"code\":\"" + app.now() + "\"}");
        assertEquals(200, ok.statusCode(), ok.body());
        List<String> codes = JsonPath.read(ok.body(), "$.recoveryCodes");
        assertEquals(10, codes.size());

        String call = "/api/v1/account/password";
        HttpResponse<String> without = b.api("POST", call, "tam.lv", PASSWORD, null, "{}");
        assertEquals(401, without.statusCode());
        assertEquals(DirectorySignIn.CODE_MISSING, JsonPath.read(without.body(), "$.error"));
        HttpResponse<String> wrong = b.api("POST", call, "tam.lv", PASSWORD, app.wrong(), "{}");
        assertEquals(401, wrong.statusCode());
        assertEquals(DirectorySignIn.WRONG_CODE, JsonPath.read(wrong.body(), "$.error"));
        String code = app.next();
        assertEquals(422, b.api("POST", call, "tam.lv", PASSWORD, code, "{}").statusCode(),
                "signed in: the change API answers the missing fields");
        assertEquals(401, b.api("POST", call, "tam.lv", PASSWORD, code, "{}").statusCode(), "a code is used once");
        assertEquals(422, b.api("POST", call, "tam.lv", PASSWORD, codes.get(3), "{}").statusCode(),
                "a recovery code");

        // re-enrolling goes through the same check: the current code in the header
        assertEquals(401, b.api("POST", "/api/v1/account/totp", "tam.lv", PASSWORD, null, null).statusCode());
        assertEquals(200, b.api("POST", "/api/v1/account/totp", "tam.lv", PASSWORD, app.next(), null).statusCode());
        assertFalse(policy.account("tam.lv").orElseThrow().lockedAt(clock.instant()), "two wrong codes, no lock");
    }
}
