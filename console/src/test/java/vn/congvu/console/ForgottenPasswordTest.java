package vn.congvu.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.signin.ResetCodeMessage;
import vn.congvu.directory.signin.ResetCodes;
import vn.congvu.directory.signin.SignInDecision;

/**
 * Forgotten passwords: the code goes by SMS through the gateway's system-message intake (here the recording peer)
 * with the console's token and the library's text; the API answers 202 whether or not the account exists; the code
 * and a new password reset it (403 a wrong code, 422 a weak password); the page does the same; one address is
 * throttled.
 */
class ForgottenPasswordTest extends ConsoleOnProvince {

    static final String PASSWORD = "Phố-Hội-Hội-An-26";
    static final String NEW = "Chùa-Cầu-Hội-An-27";
    static final String NEWER = "Sông-Hoài-Hội-An-28";
    static final Pattern CODE = Pattern.compile("la (\\d{6}),");
    static final FakeGateway gateway = FakeGateway.shared();

    @BeforeAll
    static void officials() throws Exception {
        try (DirectoryClient c = province.client()) {
            province.addOfficial(c, "hoa.lt", "Lê Thị Hoa", PASSWORD, false, "84912000555");
            province.addOfficial(c, "son.nv", "Ngô Văn Sơn", PASSWORD, false, "84912000556");
            province.addOfficial(c, "vy.pt", "Phan Thị Vy", PASSWORD, false);
        }
    }

    /** A fresh minute for the per-address throttle: every test here comes from 127.0.0.1. */
    @BeforeEach
    void nextMinute() {
        SteppingClock.shared().advance(Duration.ofSeconds(61));
    }

    private List<FakeGateway.Received> smsSince(int before) {
        return gateway.received().subList(before, gateway.received().size()).stream()
                .filter(r -> r.pathAndQuery().equals("/internal/v1/system-messages")).toList();
    }

    private static String code(FakeGateway.Received sms) {
        String body = new String(sms.body(), StandardCharsets.UTF_8);
        Matcher m = CODE.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    @Test
    void theApiSendsTheCodeBySmsAndTheCodeResetsThePassword() throws Exception {
        Browser b = new Browser(port);
        int before = gateway.received().size();
        assertEquals(202, b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                "{\"login\":\"khong.co.ai\"}").statusCode(), "an unknown login: the same answer");
        assertEquals(202, b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                "{\"login\":\"vy.pt\"}").statusCode(), "no mobile number: the same answer");
        assertTrue(smsSince(before).isEmpty(), "nothing sent for either");

        HttpResponse<String> asked = b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                "{\"login\":\"" + Province.mail("hoa.lt") + "\"}");
        assertEquals(202, asked.statusCode(), asked.body());
        List<FakeGateway.Received> sent = smsSince(before);
        assertEquals(1, sent.size());
        FakeGateway.Received sms = sent.get(0);
        assertEquals("POST", sms.method());
        assertEquals("Bearer " + FakeGateway.TOKEN, sms.header("Authorization"));
        String json = new String(sms.body(), StandardCharsets.UTF_8);
        assertEquals("reset-code", JsonPath.read(json, "$.kind"));
        assertEquals("84912000555", JsonPath.read(json, "$.mobile"));
        String code = code(sms);
        assertEquals(new ResetCodeMessage("84912000555", code, policy.policy()
                .resetCodeValidity()).text(), JsonPath.read(json, "$.text"), "the library's text");

        nextMinute(); // three requests so far and three to come: past the per-address throttle otherwise
        String wrong = code.equals("000000") ? "000001" : "000000";
        HttpResponse<String> refused = b.api("POST", "/api/v1/account/reset", "x", "x", null,
                "{\"login\":\"hoa.lt\",\"code\":\"" + wrong + "\",\"new\":\"" + NEW + "\"}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(List.of(ResetCodes.WRONG_CODE), JsonPath.read(refused.body(), "$.problems"));
        HttpResponse<String> weak = b.api("POST", "/api/v1/account/reset", "x", "x", null,
                "{\"login\":\"hoa.lt\",\"code\":\"" + code + "\",\"new\":\"ngan\"}");
        assertEquals(422, weak.statusCode(), weak.body());
        assertFalse(JsonPath.<List<String>>read(weak.body(), "$.problems").isEmpty());
        HttpResponse<String> done = b.api("POST", "/api/v1/account/reset", "x", "x", null,
                "{\"login\":\"hoa.lt\",\"code\":\"" + code + "\",\"new\":\"" + NEW + "\"}");
        assertEquals(204, done.statusCode(), done.body());
        assertEquals(SignInDecision.ALLOWED, policy.signIn("hoa.lt", NEW, "test").decision());
        assertEquals(403, b.api("POST", "/api/v1/account/reset", "x", "x", null,
                "{\"login\":\"hoa.lt\",\"code\":\"" + code + "\",\"new\":\"" + NEWER + "\"}").statusCode(),
                "a code is used once");
    }

    @Test
    void thePageAsksTheLoginThenTheCodeAndTheNewPassword() throws Exception {
        Browser b = new Browser(port);
        assertTrue(b.get("/login").body().contains("href=\"/account/forgot\""));
        HttpResponse<String> form = b.get("/account/forgot");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Quên mật khẩu"));
        int before = gateway.received().size();
        HttpResponse<String> sentPage = b.submit("/account/forgot", Map.of("login", "son.nv"));
        assertEquals(200, sentPage.statusCode(), sentPage.body());
        String code = code(smsSince(before).get(0));

        HttpResponse<String> mismatch = b.submit("/account/reset", Map.of("login", "son.nv", "code", code,
                "new", NEW, "confirm", NEWER));
        assertEquals(422, mismatch.statusCode());
        HttpResponse<String> done = b.submit("/account/reset", Map.of("login", "son.nv", "code", code,
                "new", NEW, "confirm", NEW));
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("id=\"reset-done\""), done.body());
        assertEquals("/", Browser.location(new Browser(port).signIn("son.nv", NEW)));
    }

    @Test
    void oneAddressIsThrottledWhateverTheLogins() throws Exception {
        Browser b = new Browser(port);
        int limit = 5; // console.reset-code.per-minute in config/console/application.yml
        for (int i = 0; i < limit; i++) {
            assertEquals(202, b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                    "{\"login\":\"khong.co." + i + "\"}").statusCode());
        }
        HttpResponse<String> throttled = b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                "{\"login\":\"khong.co.nua\"}");
        assertEquals(429, throttled.statusCode());
        assertEquals(429, b.api("POST", "/api/v1/account/reset", "x", "x", null,
                "{\"login\":\"hoa.lt\",\"code\":\"123456\",\"new\":\"" + NEWER + "\"}").statusCode(),
                "guessing codes counts too");
        SteppingClock.shared().advance(Duration.ofSeconds(61));
        assertEquals(202, b.api("POST", "/api/v1/account/reset-code", "x", "x", null,
                "{\"login\":\"khong.co.nua\"}").statusCode(), "a minute later");
    }
}
