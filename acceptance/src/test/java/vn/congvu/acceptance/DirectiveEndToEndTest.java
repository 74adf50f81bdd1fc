package vn.congvu.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vn.congvu.directory.password.SaltedSha;
import vn.congvu.directory.testing.Slapd;

/**
 * The whole mission in one test: the system started by {@code ./congvu up} against a real slapd and the npm
 * "smpp" SMSC, officials imported with {@code ./congvu import}, a directive mail with an attachment submitted over
 * STARTTLS + AUTH to a group address, read over IMAPS, and one SMS alert per recipient mobile at the SMSC, from the
 * brandname, delivered as the gateway's API shows. Then the same with the gateway down during the send.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectiveEndToEndTest {

    private static final String BRANDNAME = "UBNDTINH";
    private static final String SMSC_SYSTEM_ID = "congvu-e2e";
    private static final String SMSC_PASSWORD = "e2e-Pw1"; // SMPP 3.4: at most 8 characters
    private static final String ISSUER = "chanh.vp";
    private static final String GROUP = "phong-chong-bao";
    /** The group's members with their mobiles as the directory stores them; dung.hm has none. */
    private static final Map<String, String> MOBILES = Map.of(
            "an.tv", "84912000002", "binh.lt", "84983000003", "cuong.pv", "84862000004");

    /** Kept when a test fails: the launcher's output and every component's log are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private Slapd slapd;
    private Map<String, String> passwords;

    @BeforeAll
    void directoryWithImportedOfficials() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), CongVu.DOMAIN);
        Path csv = dir.resolve("nhan-su.csv");
        // Excel habits: BOM, semicolons, mobiles written every way an office writes them
        Files.writeString(csv, "\uFEFFuid;full_name;mail;mobile;unit;title;groups\n"
                + "chanh.vp;Nguyễn Văn Chánh;chanh.vp@example.gov.vn;0912 000 001;TINH/VP-TU;Chánh Văn phòng;directive-issuers|notice-senders\n"
                + "an.tv;Trần Văn An;an.tv@example.gov.vn;0912.000.002;TINH/SO-TNMT;Chuyên viên;" + GROUP + "\n"
                + "binh.lt;Lê Thị Bình;binh.lt@example.gov.vn;+84 983 000 003;TINH/SO-TNMT;Trưởng phòng;" + GROUP + "\n"
                + "cuong.pv;Phạm Văn Cường;cuong.pv@example.gov.vn;84862000004;TINH/HUYEN-DONGANH;Phó Chủ tịch;" + GROUP + "\n"
                + "dung.hm;Hoàng Minh Dũng;dung.hm@example.gov.vn;;TINH/HUYEN-DONGANH;Văn thư;" + GROUP + "\n",
                StandardCharsets.UTF_8);
        Path passwordsOut = dir.resolve("mat-khau.csv");
        CongVu.Result imported = new CongVu(dir.resolve("import-home"), ldap()).importOfficials(
                csv.toString(), "--passwords-out", passwordsOut.toString());
        assertEquals(0, imported.exitCode(), imported.output());
        passwords = Files.readAllLines(passwordsOut, StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split(",", 3)).collect(Collectors.toMap(f -> f[0], f -> f[2]));
        assertEquals(5, passwords.size(), "one initial password per new account: " + passwords.keySet());
        // The mail server refuses an initial password (535 5.7.8 naming the console): each official sets one of
        // their own first, which the console stores through the service account as this does.
        StringBuilder ownPasswords = new StringBuilder();
        Map<String, String> chosen = new HashMap<>();
        for (String uid : passwords.keySet()) {
            String own = "Mat-khau-rieng-" + uid + "-2026";
            chosen.put(uid, own);
            ownPasswords.append("dn: uid=").append(uid).append(",ou=people,").append(slapd.layout().baseDn())
                    .append("\nchangetype: modify\nreplace: userPassword\nuserPassword: ")
                    .append(SaltedSha.SSHA.hash(own)).append("\n-\ndelete: congvuPasswordMustChange\n\n");
        }
        Path changes = dir.resolve("own-passwords.ldif");
        Files.writeString(changes, ownPasswords.toString(), StandardCharsets.UTF_8);
        slapd.ldap("ldapmodify", "-f", changes.toString());
        passwords = chosen;
        // the issuing unit's human name, as an administrator sets it (the import names units by their code)
        Path ldif = dir.resolve("unit-name.ldif");
        Files.writeString(ldif, "dn: ou=VP-TU,ou=TINH,ou=units," + slapd.layout().baseDn() + "\nchangetype: modify\n"
                + "replace: description\ndescription: Văn phòng Tỉnh ủy\n", StandardCharsets.UTF_8);
        slapd.ldap("ldapmodify", "-f", ldif.toString());
    }

    @AfterAll
    void stopDirectory() throws Exception {
        if (slapd != null) {
            slapd.close();
        }
    }

    private Map<String, String> ldap() {
        return Map.of("CONGVU_LDAP_URL", slapd.url(), "CONGVU_LDAP_BIND_DN", slapd.rootDn(),
                "CONGVU_LDAP_BIND_PASSWORD", Slapd.ROOT_PASSWORD);
    }

    private CongVu system(String name, NpmSmsc smsc) throws Exception {
        Map<String, String> external = new HashMap<>(ldap());
        external.put("CONGVU_SMSC_HOST", "127.0.0.1");
        external.put("CONGVU_SMSC_PORT", String.valueOf(smsc.port()));
        external.put("CONGVU_SMSC_SYSTEM_ID", SMSC_SYSTEM_ID);
        external.put("CONGVU_SMSC_PASSWORD", SMSC_PASSWORD);
        external.put("CONGVU_BRANDNAME", BRANDNAME);
        return new CongVu(dir.resolve(name), external);
    }

    private NpmSmsc smsc(String name) throws Exception {
        return NpmSmsc.start(CongVu.repository(), SMSC_SYSTEM_ID, SMSC_PASSWORD, dir.resolve(name + "-smsc.log"));
    }

    @Test
    void aDirectiveMailReachesTheGroupAndRaisesOneDeliveredAlertPerMobile() throws Exception {
        try (NpmSmsc smsc = smsc("up")) {
            CongVu system = system("up", smsc);
            try (CongVu.Running up = system.up()) {
                assertEquals(3, up.javaProcesses().size(),
                        "mail server, gateway and console (the directory is external)");
                awaitBind(smsc, 1);

                Directive sent = sendDirective(system, "Triển khai phương án ứng phó bão số 3",
                        "Trien khai phuong an ung pho bao so 3");
                assertDelivered(system, sent);
                assertOneAlertPerMobile(system, smsc, sent, system.httpPort); // through the console

                up.stop();
            }
        }
    }

    @Test
    void withTheGatewayDownDuringTheSendMailIsDeliveredAtOnceAndAlertsGoOutWhenItReturns() throws Exception {
        try (NpmSmsc smsc = smsc("outage")) {
            CongVu system = system("outage", smsc);
            CongVu.Running gateway = system.up("gateway");
            awaitBind(smsc, 1);
            try (CongVu.Running mail = system.up("mail")) {
                gateway.stop(); // clean stop of the gateway alone: the mail server goes on

                Directive sent = sendDirective(system, "Kiểm tra công tác phòng chống lụt bão trước 17 giờ",
                        "Kiem tra cong tac phong chong lut bao truoc 17 gio");
                assertDelivered(system, sent);
                // the mail server has tried the gateway and found it away: its forwarder logs the first failure
                Path mailLog = system.home.resolve("logs/mail-server.log");
                Eventually.holds(Duration.ofSeconds(30),
                        () -> Files.readAllLines(mailLog, StandardCharsets.UTF_8).stream()
                                .anyMatch(line -> line.contains("Directive alerts of ") && line.contains(" wait: ")),
                        () -> "the mail server tried the absent gateway" + system.logs());
                assertEquals(List.of(), smsc.submits(), "nothing reaches the SMSC while the gateway is down");
                Path alerts = system.home.resolve("mail/var/directive-alerts");
                assertEquals(1, jsonFiles(alerts.resolve("pending")), "the alerts wait on the mail server's disk");

                try (CongVu.Running gatewayAgain = system.up("gateway")) {
                    awaitBind(smsc, 2);
                    assertOneAlertPerMobile(system, smsc, sent, system.gatewayPort); // no console here
                    assertEquals(0, jsonFiles(alerts.resolve("pending")), "handed over");
                    assertEquals(1, jsonFiles(alerts.resolve("sent")));
                    gatewayAgain.stop();
                }
                mail.stop();
            } finally {
                gateway.close();
            }
        }
    }

    private static long jsonFiles(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    private record Directive(String messageId, String subject, String unaccentedTopic, byte[] attachment) {
    }

    /** The issuer sends a [HỎA TỐC] [CHỈ ĐẠO] mail to the group, Cc one member again, with a PDF attached. */
    private Directive sendDirective(CongVu system, String topic, String unaccentedTopic) throws Exception {
        MailClient client = new MailClient(system);
        MimeMessage message = new MimeMessage(client.submissionSession());
        String subject = "[HỎA TỐC] [CHỈ ĐẠO] " + topic;
        message.setFrom(new InternetAddress(CongVu.mail(ISSUER), "Nguyễn Văn Chánh", "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(CongVu.mail(GROUP)));
        message.setRecipient(Message.RecipientType.CC, new InternetAddress(CongVu.mail("binh.lt")));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Kính gửi các đồng chí,\nĐề nghị triển khai ngay nội dung trong văn bản đính kèm.\n", "UTF-8");
        byte[] pdf = new byte[180_000];
        new Random(7).nextBytes(pdf);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        attachment.setFileName("cong-van-123-CD-UBND.pdf");
        message.setContent(new MimeMultipart(text, attachment));
        message.saveChanges();
        client.submit(message, CongVu.mail(ISSUER), passwords.get(ISSUER));
        return new Directive(message.getMessageID(), subject, unaccentedTopic, pdf);
    }

    /** Two recipients (one through the group only, one also in Cc) read it over IMAPS, attachment intact, once. */
    private void assertDelivered(CongVu system, Directive sent) throws Exception {
        MailClient client = new MailClient(system);
        for (String uid : List.of("an.tv", "binh.lt")) {
            List<String> readErrors = new java.util.ArrayList<>();
            Eventually.holds(Duration.ofSeconds(60), () -> {
                try {
                    return client.inbox(CongVu.mail(uid), passwords.get(uid)).stream()
                            .anyMatch(m -> sent.messageId().equals(m.messageId()));
                } catch (jakarta.mail.MessagingException e) {
                    // James 3.8.1 may answer BAD "Invalid messageset" to a FETCH racing a delivery: a client retries
                    readErrors.add(e.getMessage());
                    return false;
                }
            }, () -> uid + " has the mail; errors " + readErrors + system.logs());
            List<MailClient.Received> copies = client.inbox(CongVu.mail(uid), passwords.get(uid)).stream()
                    .filter(m -> sent.messageId().equals(m.messageId())).toList();
            assertEquals(1, copies.size(), uid + " gets it once");
            MailClient.Received got = copies.get(0);
            assertEquals(sent.subject(), got.subject());
            assertTrue(got.from().contains(CongVu.mail(ISSUER)), got.from());
            assertEquals(1, got.attachments().size(), "the attachment");
            assertEquals("cong-van-123-CD-UBND.pdf", got.attachments().get(0).fileName());
            String type = got.attachments().get(0).contentType();
            assertTrue(type.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf"), type);
            assertArrayEquals(sent.attachment(), got.attachments().get(0).content(), "attachment intact");
        }
    }

    private void awaitBind(NpmSmsc smsc, int binds) throws Exception {
        Eventually.holds(Duration.ofSeconds(60), () -> smsc.events("bind").size() >= binds,
                () -> "gateway bound to the SMSC with the configured credentials: " + smsc.events("bind")
                        + " refused: " + smsc.events("bind_refused"));
        JsonNode bind = smsc.events("bind").get(binds - 1);
        assertEquals(SMSC_SYSTEM_ID, bind.get("system_id").asString());
        assertEquals("bind_transceiver", bind.get("command").asString());
    }

    /**
     * Exactly one submit_sm per recipient mobile, from the brandname, GSM-7 unaccented with urgency, unit and
     * subject; then every one DELIVERED through the gateway's API.
     */
    /** @param apiPort where the notices API is asked: the console's port, or the gateway's own */
    private void assertOneAlertPerMobile(CongVu system, NpmSmsc smsc, Directive sent, int apiPort) throws Exception {
        Eventually.holds(Duration.ofSeconds(90), () -> smsc.submits().size() >= MOBILES.size(),
                () -> "one alert per mobile at the SMSC: " + smsc.submits() + system.logs());
        // A duplicate would come from a retried hand-over or a second dispatch. Neither can come once the mail
        // server has handed the document over (nothing left in pending/) and no notice of the gateway has a
        // message still to send or to hear about: then the SMSC's count is final.
        Path pending = system.home.resolve("mail/var/directive-alerts/pending");
        Eventually.holds(Duration.ofSeconds(60), () -> jsonFiles(pending) == 0, () -> "handed over" + system.logs());
        GatewayApi api = new GatewayApi(apiPort, CongVu.mail(ISSUER), passwords.get(ISSUER));
        long noticeId = alertNotice(api, sent);
        Eventually.holds(Duration.ofSeconds(60), () -> nothingPending(api),
                () -> "every notice finished: " + api.get("/api/v1/notices?page=0&size=50"));
        List<JsonNode> submits = smsc.submits();
        Map<String, Long> perDestination = new TreeMap<>(submits.stream()
                .collect(Collectors.groupingBy(s -> s.get("dest").asString(), Collectors.counting())));
        assertEquals(new TreeMap<>(MOBILES.values().stream().collect(Collectors.toMap(m -> m, m -> 1L))), perDestination,
                "exactly one alert per recipient mobile, none for the member without one");

        String expected = "VB chi dao HOA TOC tu Van phong Tinh uy: \"" + sent.unaccentedTopic() + "\". Xem thu cong vu.";
        for (JsonNode submit : submits) {
            assertEquals(BRANDNAME, submit.get("source").asString());
            assertEquals(5, submit.get("source_ton").asInt(), "alphanumeric sender");
            assertEquals(0, submit.get("source_npi").asInt());
            assertEquals(1, submit.get("dest_ton").asInt(), "international number");
            assertEquals(0, submit.get("data_coding").asInt(), "GSM-7");
            assertEquals(expected, submit.get("message").asString());
            byte[] raw = HexFormat.of().parseHex(submit.get("short_message").asString());
            assertTrue(raw.length <= 160, "one segment: " + raw.length);
            for (byte b : raw) {
                assertTrue(b >= 0, "7-bit GSM default alphabet, one septet per octet");
            }
            assertEquals(0, submit.get("esm_class").asInt() & 0x40, "no UDH: a single part");
            assertEquals(1, submit.get("registered_delivery").asInt() & 1, "receipt requested");
        }

        Eventually.holds(Duration.ofSeconds(60), () -> delivered(api.notice(noticeId)).size() == MOBILES.size(),
                () -> "receipts shown as delivered: " + api.notice(noticeId));
        assertEquals(Map.copyOf(MOBILES).values().stream().sorted().toList(),
                delivered(api.notice(noticeId)).stream().sorted().toList());
    }

    private static boolean nothingPending(GatewayApi api) throws Exception {
        for (JsonNode n : api.get("/api/v1/notices?page=0&size=50").get("notices")) {
            if (n.get("counts").get("pending").asLong() != 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> delivered(JsonNode notice) {
        return notice.get("recipients").valueStream().filter(r -> "DELIVERED".equals(r.get("status").asString()))
                .map(r -> r.get("number").asString()).toList();
    }

    /** The notice carrying this mail's alerts, found as the notices page finds it: a directive with its mail's subject and sender. */
    private static long alertNotice(GatewayApi api, Directive sent) throws Exception {
        long[] id = {-1};
        Eventually.holds(Duration.ofSeconds(30), () -> {
            for (JsonNode n : api.get("/api/v1/notices?page=0&size=50").get("notices")) {
                if ("directive".equals(n.get("kind").asString()) && sent.subject().equals(n.get("mailSubject").asString())) {
                    assertEquals(CongVu.mail(ISSUER), n.get("mailSender").asString(), "the alert's mail sender in the history");
                    id[0] = n.get("id").asLong();
                }
            }
            return id[0] > 0;
        }, () -> "the notices history lists the directive alert of " + sent.subject());
        return id[0];
    }
}
