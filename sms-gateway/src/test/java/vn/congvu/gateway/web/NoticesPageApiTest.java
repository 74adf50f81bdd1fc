package vn.congvu.gateway.web;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.testing.Slapd;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.outbox.SqliteOutbox;

/**
 * The notices page's endpoints against a real slapd and the ch-smpp SMSC: directory search with and without
 * diacritics and against LDAP filter injection, the live preview (the same figures as what is sent), the history
 * with its delivery counts and directive alerts, and who may call them.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(NoticesPageApiTest.Directory.class)
// closed after the class: its slapd is gone then, and a context left open keeps Boot from setting up logging (the
// audit file under congvu.home) for gateways that later tests start themselves
@DirtiesContext
class NoticesPageApiTest {

    static final Slapd slapd = start(Province::start);
    static final ScriptedSmsc smsc = start(ScriptedSmsc::new);
    static final String INTAKE_TOKEN = "notices-page-intake";

    interface Starter<T> {
        T start() throws Exception;
    }

    static <T> T start(Starter<T> starter) {
        try {
            return starter.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestProperties.account(registry, smsc, SqliteOutbox.freshUrl());
        registry.add("gateway.directory.enabled", () -> true);
        registry.add("gateway.intake.token", () -> INTAKE_TOKEN);
        registry.add("gateway.security.login-cache", () -> "0s");
    }

    /**
     * The directory the gateway reads: the slapd above (the embedded default would need CONGVU_* variables).
     * Imported, not a @Configuration, so gateways that other tests start by component scan never pick it up.
     */
    static class Directory {
        @Bean(destroyMethod = "close")
        @Primary
        DirectoryClient slapdDirectory() {
            return Province.client(slapd);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        smsc.close();
        slapd.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    SmsEncoder encoder;
    @Autowired
    JdbcTemplate jdbc;

    private String getJson(String path) throws Exception {
        return mvc.perform(get(path).with(httpBasic(Province.mail(Province.SENDER), Province.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String postJson(String path, String json, int expected) throws Exception {
        return mvc.perform(post(path).with(httpBasic(Province.SENDER, Province.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String search(String q) throws Exception {
        return mvc.perform(get("/api/v1/directory/search").param("q", q)
                        .with(httpBasic(Province.mail(Province.SENDER), Province.PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<String> found(String q) throws Exception {
        return JsonPath.read(search(q), "$.hits[*].id");
    }

    @Test
    void searchMatchesVietnameseNamesWithAndWithoutDiacritics() throws Exception {
        assertEquals(List.of("an", "tuan"), found("nguyen van"));
        assertEquals(List.of("an", "tuan"), found("Nguyễn Văn"));
        assertEquals(List.of("an", "tuan"), found("NGUYEN  van"));
        assertEquals(List.of("tuan"), found("van tuan"), "every word must match, in any order");
        assertEquals(List.of("dat"), found("do van dat"));
        assertEquals(List.of("dat"), found("Đạt"));
        assertEquals(List.of("dat"), found("đỗ"));
        assertEquals(List.of(Province.GROUP), found("lanh dao"), "a group by the words of its description and name");
        assertEquals(List.of("so-noi-vu"), found("so noi vu"));
        assertEquals(List.of("tinh"), found("quang ngai"));
        assertEquals(List.of("binh"), found("binh@example"), "by mail address");

        String body = search("le van chi");
        assertEquals("Lê Văn Chí", JsonPath.read(body, "$.hits[0].label"));
        assertEquals("official", JsonPath.read(body, "$.hits[0].kind"));
        assertEquals("Chuyên viên · Sở Nội vụ", JsonPath.read(body, "$.hits[0].detail"));
        assertEquals("no-mobile", JsonPath.read(body, "$.hits[0].problem"));
        assertEquals("disabled", JsonPath.read(search("dung"), "$.hits[0].problem"));
        assertEquals(0, (int) JsonPath.read(search(""), "$.total"));
        // groups first, then units, then officials
        List<String> kinds = JsonPath.read(search("t"), "$.hits[*].kind");
        assertEquals(kinds.stream().sorted((a, b) -> List.of("group", "unit", "official").indexOf(a)
                - List.of("group", "unit", "official").indexOf(b)).toList(), kinds);
    }

    @Test
    void filterInjectionFindsNothingAndLongTextIsRefused() throws Exception {
        for (String attack : List.of("*)(uid=*", "*", "*)(|(objectClass=*", "an)(|(objectClass=*)", "\\2a", "(uid=an)",
                "*)(userPassword=*")) {
            assertEquals(0, (int) JsonPath.read(search(attack), "$.total"), attack);
        }
        mvc.perform(get("/api/v1/directory/search").param("q", "a".repeat(101))
                        .with(httpBasic(Province.SENDER, Province.PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("longer than 100")));
    }

    @Test
    void onlyNoticeSendersMayUseThePageEndpoints() throws Exception {
        for (String path : List.of("/api/v1/directory/search?q=an", "/api/v1/notices")) {
            mvc.perform(get(path)).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(httpBasic(Province.SENDER, "wrong"))).andExpect(status().isUnauthorized());
            mvc.perform(get(path).with(httpBasic(Province.mail(Province.OFFICIAL), Province.PASSWORD)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/api/v1/notices/preview").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/notices/preview").with(httpBasic(Province.OFFICIAL, Province.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void previewGivesTheFiguresTheEncoderSends() throws Exception {
        String text = "Họp khẩn lúc 14h tại Tỉnh ủy, đề nghị đồng chí có mặt đúng giờ.";
        EncodedSms gsm = encoder.encode(text, EncodingMode.GSM7);
        String body = postJson("/api/v1/notices/preview", "{\"text\": \"" + text + "\"}", 200);
        assertEquals("GSM7", JsonPath.read(body, "$.text.encoding"));
        assertEquals(gsm.parts(), (int) JsonPath.read(body, "$.text.parts"));
        assertEquals(160 - gsm.text().length(), (int) JsonPath.read(body, "$.text.roomInPart"));
        assertEquals("Hop khan luc 14h tai Tinh uy, de nghi dong chi co mat dung gio.", JsonPath.read(body, "$.text.sentText"));
        assertTrue(JsonPath.read(body, "$.audience") == null, "no targets, no audience figures");

        // two UCS-2 parts: 67 code units each, what is left of the second
        String long_ = "Thường trực Tỉnh ủy đề nghị các đồng chí Bí thư huyện ủy có mặt tại Hội trường lớn lúc 7 giờ 30.";
        body = postJson("/api/v1/notices/preview", "{\"text\": \"" + long_ + "\", \"encoding\": \"ucs2\"}", 200);
        assertEquals(2, (int) JsonPath.read(body, "$.text.parts"));
        assertEquals(2 * 67 - long_.length(), (int) JsonPath.read(body, "$.text.roomInPart"));
        // '€' is two septets in GSM-7
        body = postJson("/api/v1/notices/preview", "{\"text\": \"Phi 5€\"}", 200);
        assertEquals(160 - 7, (int) JsonPath.read(body, "$.text.roomInPart"));
        body = postJson("/api/v1/notices/preview", "{\"text\": \"" + "a".repeat(160) + "\"}", 200);
        assertEquals(1, (int) JsonPath.read(body, "$.text.parts"));
        assertEquals(0, (int) JsonPath.read(body, "$.text.roomInPart"));
        body = postJson("/api/v1/notices/preview", "{\"text\": \"" + "a".repeat(161) + "\"}", 200);
        assertEquals(2, (int) JsonPath.read(body, "$.text.parts"));
        assertEquals(2 * 153 - 161, (int) JsonPath.read(body, "$.text.roomInPart"));

        body = postJson("/api/v1/notices/preview", "{\"text\": \"Chúc mừng 🎉\", \"encoding\": \"gsm7\"}", 200);
        assertTrue(((String) JsonPath.read(body, "$.text.problem")).contains("GSM-7 cannot carry 🎉"));
        body = postJson("/api/v1/notices/preview", "{\"text\": \"" + "a".repeat(153 * 6 + 1) + "\"}", 200);
        assertEquals(7, (int) JsonPath.read(body, "$.text.parts"));
        assertTrue(((String) JsonPath.read(body, "$.text.problem")).contains("more than the limit of 6"));
        body = postJson("/api/v1/notices/preview", "{\"text\": \"x\", \"encoding\": \"latin1\"}", 200);
        assertTrue(((String) JsonPath.read(body, "$.text.problem")).contains("unknown encoding"));

        body = postJson("/api/v1/notices/preview", "{\"groups\": [\"khong-co\"]}", 200);
        assertEquals("unknown group: khong-co", JsonPath.read(body, "$.audience.problem"));
    }

    @Test
    void previewCountsWhatSendingSendsAndHistoryFollowsItToDelivered() throws Exception {
        String json = "{\"groups\": [\"" + Province.GROUP + "\"], \"uids\": [\"an\"], \"numbers\": [\"0977 000 005\"],"
                + " \"text\": \"Hop Ban chi dao luc 15h\", \"urgent\": true}";
        String preview = postJson("/api/v1/notices/preview", json, 200);
        // an twice (group and uid) counts once; chi has no mobile
        assertEquals(4, (int) JsonPath.read(preview, "$.audience.recipients"));
        assertEquals(List.of("group:lanh-dao/chi"), JsonPath.read(preview, "$.audience.withoutNumber[*].target"));
        int before = smsc.received().size();

        String accepted = postJson("/api/v1/notices", json, 202);
        long id = ((Number) JsonPath.read(accepted, "$.id")).longValue();
        assertEquals((int) JsonPath.read(preview, "$.audience.recipients"), (int) JsonPath.read(accepted, "$.recipients"));
        assertEquals((Integer) JsonPath.read(preview, "$.text.parts"), (Integer) JsonPath.read(accepted, "$.segments"));
        assertEquals((String) JsonPath.read(preview, "$.text.encoding"), JsonPath.read(accepted, "$.encoding"));

        assertTrue(await(() -> smsc.received().size() - before == 4, 10_000), "four submits");
        String listed = getJson("/api/v1/notices?size=5");
        assertEquals(id, ((Number) JsonPath.read(listed, "$.notices[0].id")).longValue());
        assertEquals("notice", JsonPath.read(listed, "$.notices[0].kind"));
        assertEquals(Province.SENDER, JsonPath.read(listed, "$.notices[0].sender"));
        assertEquals(true, JsonPath.read(listed, "$.notices[0].urgent"));
        assertEquals(5, (int) JsonPath.read(listed, "$.notices[0].counts.total"));
        assertEquals(1, (int) JsonPath.read(listed, "$.notices[0].counts.failed"), "chi: no valid number");

        List<ScriptedSmsc.Received> submits = smsc.received().subList(before, before + 4);
        smsc.sendReceipt(submits.get(0).messageId(), "UNDELIV", "001", true);
        for (ScriptedSmsc.Received r : submits.subList(1, 4)) {
            smsc.sendReceipt(r.messageId(), "DELIVRD", "000", true);
        }
        assertTrue(await(() -> {
            try {
                String b = getJson("/api/v1/notices?size=5");
                return (int) JsonPath.read(b, "$.notices[0].counts.delivered") == 3
                        && (int) JsonPath.read(b, "$.notices[0].counts.pending") == 0;
            } catch (Exception e) {
                return false;
            }
        }, 10_000), "receipts counted: " + getJson("/api/v1/notices?size=5"));
        listed = getJson("/api/v1/notices?size=5");
        assertEquals(2, (int) JsonPath.read(listed, "$.notices[0].counts.failed"), "chi, and the UNDELIV receipt");
        assertEquals(0, (int) JsonPath.read(listed, "$.notices[0].counts.sentNoReceipt"));
    }

    @Test
    void directiveAlertsShowTheirMailAndPagesGoNewestFirst() throws Exception {
        mvc.perform(post("/internal/v1/alerts").header("Authorization", "Bearer " + INTAKE_TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"messageId\": \"<cd-9@example.gov.vn>\", \"urgent\": true, \"text\": \"VB chi dao HOA TOC\","
                                + " \"recipients\": [{\"target\": \"an\", \"mobile\": \"84912000001\"}]}"))
                .andExpect(status().isAccepted());
        long alert = jdbc.queryForObject("SELECT MAX(id) FROM notice", Long.class);
        // what the directive intake records with the alert (V5__notice_origin.sql)
        jdbc.update("UPDATE notice SET kind = 'directive', mail_subject = ?, mail_sender = ? WHERE id = ?",
                "[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3", "vanphong@example.gov.vn", alert);
        postJson("/api/v1/notices", "{\"numbers\": [\"0912000001\"], \"text\": \"Sau chi dao\"}", 202);

        String first = getJson("/api/v1/notices?page=0&size=1");
        assertEquals(true, JsonPath.read(first, "$.hasMore"));
        assertEquals("Sau chi dao", JsonPath.read(first, "$.notices[0].text"));
        String second = getJson("/api/v1/notices?page=1&size=1");
        assertEquals(alert, ((Number) JsonPath.read(second, "$.notices[0].id")).longValue());
        assertEquals("directive", JsonPath.read(second, "$.notices[0].kind"));
        assertEquals("[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3", JsonPath.read(second, "$.notices[0].mailSubject"));
        assertEquals("vanphong@example.gov.vn", JsonPath.read(second, "$.notices[0].mailSender"));

        for (String bad : List.of("page=-1", "size=0", "size=101")) {
            mvc.perform(get("/api/v1/notices?" + bad).with(httpBasic(Province.SENDER, Province.PASSWORD)))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").isNotEmpty());
        }
    }
}
