package vn.congvu.mail.directive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import vn.congvu.directory.password.SaltedSha;
import vn.congvu.mail.testing.IntakeEndpoint;
import vn.congvu.mail.testing.MailServerProcess;
import vn.congvu.mail.testing.OfficialsDirectory;
import vn.congvu.mail.testing.RunningMailServer;

/**
 * Directive documents through the real mail server and a real slapd: submitted over SMTP with STARTTLS to a
 * group address, alerts reach an intake endpoint with the gateway's contract, once per member with a mobile,
 * while the mail itself is delivered at once, whether that endpoint is up, down, or comes back after a
 * mail-server crash.
 */
class DirectiveAlertsTest {
    private static final String BASE = OfficialsDirectory.BASE;
    private static final String PASSWORD = OfficialsDirectory.PASSWORD;
    private static final String TOKEN = "mail-to-gateway-secret-42";
    private static final String ISSUER = OfficialsDirectory.mail("tuan");
    private static final String NOT_ISSUER = OfficialsDirectory.mail("kha");
    private static final String GROUP = OfficialsDirectory.mail("bancd");
    /** Sixty officials with mobiles: beyond the 50 recipients a mail may be delivered to before its 250. */
    private static final String LARGE_GROUP = OfficialsDirectory.mail("toannganh");
    private static final int LARGE = 60;
    private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    static Path rules;
    static LocalTime quietUntil;

    @RegisterExtension
    @Order(1)
    static final IntakeEndpoint INTAKE = new IntakeEndpoint(TOKEN);

    @RegisterExtension
    @Order(2)
    static final RunningMailServer MAIL = RunningMailServer.onSlapd()
        .beforeStart(directory -> directory.add(officials()))
        .environment("CONGVU_GATEWAY_PORT", String.valueOf(INTAKE.port))
        .environment("CONGVU_INTAKE_TOKEN", TOKEN)
        .environment("CONGVU_DIRECTIVE_RULES", directory -> writeRules(directory.newHome("rules")).toString());

    /** Issuers, groups and sixty officials of a unit, with mobiles written several ways. */
    private static String officials() {
        String hash = SaltedSha.SSHA.hash(PASSWORD);
        String ldif = "dn: ou=VP-TU,ou=units," + BASE + "\nobjectClass: organizationalUnit\nou: VP-TU\n"
            + "description: Văn phòng Tỉnh ủy\n\n"
            + person("tuan", "Nguyễn Văn Tuấn", "0912000101", "VP-TU", hash)
            + person("hoa", "Trần Thị Hoa", "0912000102", "VP-TU", hash)
            + person("lan", "Lê Thị Lan", "+84 983 000 103", null, hash)
            + person("minh", "Phạm Văn Minh", null, "VP-TU", hash)
            + person("kha", "Đỗ Văn Kha", "0912000105", null, hash)
            + group("directive-issuers", "directive-issuers", "uid=tuan,ou=people," + BASE)
            // bancd ⊃ to-cong-tac: hoa is reached twice, minh has no mobile
            + group("to-cong-tac", "tocongtac", "uid=lan,ou=people," + BASE, "uid=hoa,ou=people," + BASE)
            + group("ban-chi-dao", "bancd", "uid=hoa,ou=people," + BASE, "uid=minh,ou=people," + BASE,
                "cn=to-cong-tac,ou=groups," + BASE);
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < LARGE; i++) {
            large.append(person("nganh" + i, "Cán bộ ngành " + i, String.format("0913%06d", i), "VP-TU", hash));
        }
        return ldif + large + group("toan-nganh", "toannganh", IntStream.range(0, LARGE)
            .mapToObj(i -> "uid=nganh" + i + ",ou=people," + BASE).toArray(String[]::new));
    }

    /** The shipped rules, with a quiet window around now and short retries. */
    private static Path writeRules(Path directory) throws IOException {
        LocalTime now = ZonedDateTime.now(HANOI).toLocalTime().withSecond(0).withNano(0);
        quietUntil = now.plusHours(2);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        rules = directory.resolve("directive-alerts.properties");
        Files.writeString(rules, Files.readString(MailServerProcess.configDirectory().resolveSibling("rules/directive-alerts.properties"),
                StandardCharsets.UTF_8)
            .replace("quiet.from=21:00", "quiet.from=" + now.minusHours(1).format(hhmm))
            .replace("quiet.until=06:30", "quiet.until=" + quietUntil.format(hhmm))
            .replace("gateway.retry.initial=1s", "gateway.retry.initial=200ms")
            .replace("gateway.retry.max=60s", "gateway.retry.max=1s"), StandardCharsets.UTF_8);
        return rules;
    }

    @Test
    void hoaTocDirectiveToAGroupAlertsEachMemberWithAMobileOnce() throws Exception {
        String subject = "[HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão số 3 " + System.nanoTime();
        MAIL.clients().submit(ISSUER, PASSWORD, GROUP, subject, "Kính gửi các đồng chí, triển khai ngay.");

        assertTrue(await(() -> INTAKE.posts(subject).size() == 1, 30_000), "alerts posted\n" + MAIL.server().logTail());
        IntakeEndpoint.Post post = INTAKE.posts(subject).get(0);
        JsonNode body = post.body();
        assertEquals(subject, body.get("subject").asText());
        assertEquals(ISSUER, body.get("from").asText());
        assertTrue(body.get("urgent").asBoolean());
        assertTrue(body.get("messageId").asText().startsWith("<") && body.get("messageId").asText().endsWith(">"));
        String suffix = subject.substring(subject.lastIndexOf(' ') + 1);
        assertEquals("VB chi dao HOA TOC tu Van phong Tinh uy: \"Phong chong bao so 3 " + suffix + "\". Xem thu cong vu.",
            body.get("text").asText());
        assertEquals(Map.of(OfficialsDirectory.mail("hoa"), "84912000102", OfficialsDirectory.mail("lan"), "84983000103"),
            recipients(body));
        assertEquals(1, MAIL.server().logLinesContaining(body.get("messageId").asText() + ": " + OfficialsDirectory.mail("minh") + " has no mobile"),
            "minh logged");

        for (String member : List.of("hoa", "lan", "minh")) {
            assertTrue(inInbox(OfficialsDirectory.mail(member), subject), member + " got the mail");
        }
        Thread.sleep(1500);
        assertEquals(1, INTAKE.posts(subject).size(), "handed over once");
    }

    @Test
    void aDirectiveToAGroupBeyondTheReplyLimitIsAlertedOnceAndDeliveredOnceToEachMember() throws Exception {
        String subject = "[HỎA TỐC] [CHỈ ĐẠO] Triển khai toàn ngành " + System.nanoTime();
        int queuedBefore = MAIL.server().mailsQueuedBeforeReply().size();
        MAIL.clients().submit(ISSUER, PASSWORD, LARGE_GROUP, subject, "Kính gửi toàn ngành.");
        // At the 250 the alerts were raised and the mail stored in the spool queue; the spooler delivers it.
        assertEquals(queuedBefore + 1, MAIL.server().mailsQueuedBeforeReply().size(), MAIL.server().logTail());
        JsonNode held = alertInOutbox(subject);
        assertTrue(held != null, "alerts stored before the 250\n" + MAIL.server().logTail());

        MAIL.server().awaitSpoolDrained(Duration.ofSeconds(120));
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < LARGE; i++) {
            String member = OfficialsDirectory.mail("nganh" + i);
            expected.put(member, String.format("84913%06d", i));
            assertTrue(inInbox(member, subject), member + " got the mail once");
        }
        assertTrue(await(() -> INTAKE.posts(subject).size() == 1, 30_000), "alerts posted\n" + MAIL.server().logTail());
        assertEquals(expected, recipients(INTAKE.posts(subject).get(0).body()));
        String messageId = held.get("messageId").asText();
        assertEquals(1, MAIL.server().logLinesContaining("Directive " + messageId + " from " + ISSUER), "alerts raised once");
        assertEquals(0, MAIL.server().logLinesContaining("Directive " + messageId + ": alerts already in the outbox"));
    }

    @Test
    void headerMarkedDirectiveWithoutUrgencyWaitsForTheEndOfTheQuietWindow() throws Exception {
        String subject = "Lịch trực Tết " + System.nanoTime();
        Session session = MAIL.clients().submissionSession();
        MimeMessage message = MAIL.clients().message(session, ISSUER, OfficialsDirectory.mail("hoa"), subject, "Lịch trực.");
        message.setHeader("X-CongVu-Directive", "yes");
        Transport.send(message, ISSUER, PASSWORD);

        assertTrue(await(() -> inInbox(OfficialsDirectory.mail("hoa"), subject), 30_000), "delivered at once");
        assertTrue(await(() -> heldInOutbox(subject) != null, 10_000), "held in the outbox\n" + MAIL.server().logTail());
        JsonNode held = heldInOutbox(subject);
        ZonedDateTime release = Instant.ofEpochMilli(held.get("releaseAt").asLong()).atZone(HANOI);
        assertEquals(quietUntil, release.toLocalTime(), "released at the end of the quiet window");
        assertTrue(release.isAfter(ZonedDateTime.now(HANOI)));
        assertEquals("VB chi dao tu Van phong Tinh uy: \"Lich truc Tet " + subject.substring(subject.lastIndexOf(' ') + 1)
            + "\". Xem thu cong vu.", held.get("text").asText());
        Thread.sleep(2000);
        assertEquals(0, INTAKE.posts(subject).size(), "not sent during the quiet window");
    }

    @Test
    void directiveLookingMailFromANonIssuerIsDeliveredWithoutAlert() throws Exception {
        String subject = "[HỎA TỐC] [CHỈ ĐẠO] Cả tỉnh nghỉ làm " + System.nanoTime();
        Session session = MAIL.clients().submissionSession();
        MimeMessage message = MAIL.clients().message(session, NOT_ISSUER, GROUP, subject, "Không phải văn bản thật.");
        message.setHeader("X-CongVu-Directive", "yes");
        message.setHeader("X-CongVu-Urgency", "HOA TOC");
        Transport.send(message, NOT_ISSUER, PASSWORD);

        assertTrue(await(() -> inInbox(OfficialsDirectory.mail("lan"), subject), 30_000), "delivered as normal mail");
        assertTrue(await(() -> logged(NOT_ISSUER + " looks like a directive but " + NOT_ISSUER + " is not an active member of directive-issuers"), 5_000),
            MAIL.server().logTail());
        Thread.sleep(2000);
        assertEquals(0, INTAKE.posts(subject).size(), "no SMS");
    }

    @Test
    void anIssuersReplyToADirectiveRaisesNoAlert() throws Exception {
        String subject = "Re: [HỎA TỐC] [CHỈ ĐẠO] Phòng chống bão " + System.nanoTime();
        MAIL.clients().submit(ISSUER, PASSWORD, GROUP, subject, "Đã nhận.");
        assertTrue(await(() -> inInbox(OfficialsDirectory.mail("hoa"), subject), 30_000), "delivered");
        assertTrue(await(() -> logged("is a reply to or forward of a directive"), 5_000), MAIL.server().logTail());
        Thread.sleep(2000);
        assertEquals(0, INTAKE.posts(subject).size(), "no SMS");
    }

    @Test
    void gatewayDownMailDeliveredAtOnceAlertsSentWhenItReturnsOnce() throws Exception {
        String subject = "[THƯỢNG KHẨN] [Chi dao] Ứng phó lũ " + System.nanoTime();
        INTAKE.stop();
        try {
            MAIL.clients().submit(ISSUER, PASSWORD, GROUP, subject, "Ứng phó lũ.");
            assertTrue(await(() -> inInbox(OfficialsDirectory.mail("hoa"), subject), 30_000), "delivered while the gateway is down");
            assertTrue(await(() -> logged("unreachable"), 10_000), MAIL.server().logTail());
            Thread.sleep(2500); // several retries against a closed port
        } finally {
            INTAKE.start();
        }
        assertTrue(await(() -> INTAKE.posts(subject).size() == 1, 15_000), "sent after the gateway returned\n" + MAIL.server().logTail());
        Thread.sleep(2000);
        assertEquals(1, INTAKE.posts(subject).size());
        assertEquals(2, INTAKE.posts(subject).get(0).newMobiles().size());
        assertTrue(INTAKE.posts(subject).get(0).body().get("text").asText().startsWith("VB chi dao THUONG KHAN tu Van phong Tinh uy: \"Ung pho lu "));
    }

    @Test
    void alertsPendingAtACrashGoOutAfterRestart() throws Exception {
        String subject = "[KHẨN] [CHỈ ĐẠO] Kiểm tra đê điều " + System.nanoTime();
        INTAKE.stop();
        try {
            MAIL.clients().submit(ISSUER, PASSWORD, GROUP, subject, "Kiểm tra đê.");
            assertTrue(await(() -> inInbox(OfficialsDirectory.mail("lan"), subject), 30_000));
            MAIL.server().kill();
        } finally {
            INTAKE.start();
        }
        MAIL.server().start();
        assertTrue(await(() -> INTAKE.posts(subject).size() == 1, 30_000), "sent after restart\n" + MAIL.server().logTail());
        assertEquals(Map.of(OfficialsDirectory.mail("hoa"), "84912000102", OfficialsDirectory.mail("lan"), "84983000103"),
            recipients(INTAKE.posts(subject).get(0).body()));
        Thread.sleep(1500);
        assertEquals(1, INTAKE.posts(subject).size());
    }

    @Test
    void aWrongTokenIsRetriedNotDropped() throws Exception {
        String subject = "[HỎA TỐC] [CHỈ ĐẠO] Token " + System.nanoTime();
        String good = Files.readString(rules, StandardCharsets.UTF_8);
        int refusedBefore = INTAKE.refused();
        // The token comes from the environment here; a gateway answering 401 makes the alert wait, not vanish.
        try (IntakeEndpoint other = new IntakeEndpoint("another-secret")) {
            other.start();
            Files.writeString(rules, good.replace("gateway.url=http://127.0.0.1:${env:CONGVU_GATEWAY_PORT:-8090}",
                "gateway.url=http://127.0.0.1:" + other.port), StandardCharsets.UTF_8);
            MAIL.clients().submit(ISSUER, PASSWORD, OfficialsDirectory.mail("hoa"), subject, "token");
            assertTrue(await(() -> other.refused() >= 2, 15_000), "retried against the refusing gateway\n" + MAIL.server().logTail());
            assertTrue(logged("is not the gateway's"), MAIL.server().logTail());
            assertEquals(0, other.posts(subject).size());
        } finally {
            Files.writeString(rules, good, StandardCharsets.UTF_8);
            Files.setLastModifiedTime(rules, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(1)));
        }
        assertTrue(await(() -> INTAKE.posts(subject).size() == 1, 15_000), "delivered once the rules point back\n" + MAIL.server().logTail());
        assertEquals(refusedBefore, INTAKE.refused());
    }

    private static Map<String, String> recipients(JsonNode body) {
        Map<String, String> map = new HashMap<>();
        StreamSupport.stream(body.get("recipients").spliterator(), false)
            .forEach(r -> assertEquals(null, map.put(r.get("target").asText(), r.get("mobile").asText()), "one entry per recipient"));
        return map;
    }

    private static JsonNode heldInOutbox(String subject) {
        return alertIn("pending", subject);
    }

    /** The alert document of this subject, waiting or handed to the gateway already. */
    private static JsonNode alertInOutbox(String subject) {
        JsonNode pending = alertIn("pending", subject);
        return pending != null ? pending : alertIn("sent", subject);
    }

    private static JsonNode alertIn(String folder, String subject) {
        Path pending = MAIL.server().home.resolve("mail/var/directive-alerts").resolve(folder);
        try (var files = Files.list(pending)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode json = new ObjectMapper().readTree(file.toFile());
                if (json.get("subject").asText().equals(subject)) {
                    return json;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static boolean logged(String text) {
        try {
            return MAIL.server().logLinesContaining(text) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean inInbox(String user, String subject) {
        try {
            Store store = MAIL.clients().imaps(user, PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] found = inbox.search(new SubjectTerm(subject));
                inbox.close(false);
                return found.length == 1;
            } finally {
                store.close();
            }
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean await(BooleanSupplier condition, long millis) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMillis(millis));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private static String person(String uid, String cn, String mobile, String unit, String hash) {
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\n"
            + "uid: " + uid + "\ncn: " + cn + "\nsn: " + cn.split(" ")[0] + "\nmail: " + OfficialsDirectory.mail(uid) + "\n"
            + (mobile == null ? "" : "mobile: " + mobile.replaceAll("[^0-9]", "").replaceFirst("^0", "84") + "\n")
            + (unit == null ? "" : "ou: " + unit + "\n")
            + "userPassword: " + hash + "\ncongvuAccountStatus: active\n\n";
    }

    private static String group(String cn, String localPart, String... members) {
        StringBuilder entry = new StringBuilder("dn: cn=" + cn + ",ou=groups," + BASE
            + "\nobjectClass: groupOfNames\nobjectClass: congvuMailGroup\ncn: " + cn + "\nmail: " + OfficialsDirectory.mail(localPart) + "\n");
        for (String member : members) {
            entry.append("member: ").append(member).append('\n');
        }
        return entry.append('\n').toString();
    }
}
