package vn.congvu.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.testing.Slapd;
import vn.congvu.gateway.GatewayApplication;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.NpmSmsc;
import vn.congvu.gateway.outbox.SqliteOutbox;

/**
 * The notices page in a real browser: headless Debian Chromium driven by playwright-core
 * (src/test/node/browser-test.js), against a real gateway on a free port, a real slapd and the npm "smpp" SMSC, which
 * sends delivery receipts. Screenshots land in target/browser/. Skipped when chromium or the npm packages are
 * missing ({@code ./congvu test} installs them).
 */
class NoticesPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target/browser");
    private static final String TEXT = "Họp khẩn Ban chỉ đạo lúc 14h tại Tỉnh ủy, đề nghị đồng chí có mặt đúng giờ.";

    private static Slapd slapd;

    /** Not a @Configuration: the gateway's component scan must not find it. */
    static class SlapdDirectory {
        @Bean(destroyMethod = "close")
        @Primary
        DirectoryClient slapdDirectory() {
            return Province.client(slapd);
        }
    }

    /** Other tests' @TestConfiguration classes (fake logins) sit in the scanned packages: keep them out. */
    static final class NoTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().isAnnotated(TestConfiguration.class.getName());
        }
    }

    @Test
    void aNoticeSenderComposesToAGroupByTypingWithoutDiacriticsAndSeesItDelivered() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM + " (apt-get install chromium)");
        assumeTrue(NpmSmsc.installed() && Files.isDirectory(NpmSmsc.PEERS.resolve("node_modules/playwright-core")),
                "npm packages not installed in " + NpmSmsc.PEERS);
        Files.createDirectories(SCREENSHOTS);
        slapd = Province.start();
        String a = "--gateway.smpp.accounts[0].";
        try (NpmSmsc smsc = new NpmSmsc("hex");
             ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class, SlapdDirectory.class)
                     .initializers(ctx -> ctx.getBeanFactory().registerSingleton("noTestConfigurations", new NoTestConfigurations()))
                     .run("--server.port=0", "--congvu.home=" + GatewayTestProperties.temporaryHome(),
                             "--spring.datasource.url=" + SqliteOutbox.freshUrl(),
                             "--gateway.simulator.mode=off", "--gateway.cluster.enabled=false",
                             "--gateway.dispatch.idle-poll=50ms", "--gateway.receipts.reconcile-interval=200ms",
                             "--gateway.security.failed-login-delay=0s",
                             a + "name=npm", a + "host=127.0.0.1", a + "port=" + smsc.port(), a + "system-id=congvu",
                             a + "password=secret", a + "reconnect-min=50ms", a + "default-route=true")) {
            String url = "http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port");
            EncodedSms expected = gateway.getBean(SmsEncoder.class).encode(TEXT, EncodingMode.GSM7);

            List<String> lines = runBrowser(url, expected.text());
            Map<String, Object> refused = step(lines, "refused");
            assertTrue(((String) refused.get("message")).contains("không thuộc nhóm notice-senders"), refused.toString());
            assertEquals(Province.SENDER, step(lines, "logged-in").get("user"));
            assertEquals(false, step(lines, "logged-in").get("simulatorBanner"), "the npm SMSC is not the simulator");
            assertTrue(step(lines, "person-found").get("suggestions").toString().contains("Nguyễn Văn An"));

            Map<String, Object> preview = step(lines, "preview");
            assertEquals(3, preview.get("recipients"), "an, binh, dat; chi has no mobile: " + preview);
            assertTrue(((String) preview.get("withoutNumber")).contains("chi"), preview.toString());
            assertEquals("GSM7", preview.get("encoding"));
            assertEquals(expected.parts(), preview.get("parts"), "parts as the encoder makes them");
            assertEquals(expected.roomInLastPart(), preview.get("room"), "characters left as the encoder counts them");
            assertEquals("Điện thoại sẽ hiện: " + expected.text(), preview.get("sentText"));

            Map<String, Object> delivered = step(lines, "delivered");
            assertEquals(4, delivered.get("total"));
            assertEquals(3, delivered.get("delivered"), delivered.toString());
            assertEquals(1, delivered.get("failed"), "chi: no mobile");
            assertEquals(0, delivered.get("pending"));
            assertEquals(true, delivered.get("urgent"));
            assertTrue(delivered.get("recipients").toString().contains("Đã nhận"), delivered.toString());
            Map<String, Object> done = step(lines, "done");
            assertEquals(List.of(), done.get("foreignRequests"), "every asset from the gateway");
            assertEquals(List.of(), done.get("pageErrors"));

            // what the SMSC got: one unaccented SMS per mobile of the group, from the brandname
            List<String> submits = smsc.submits();
            assertEquals(List.of("84356000003", "84912000001", "84983000002"),
                    submits.stream().map(s -> (String) JsonPath.read(s, "$.dest")).sorted().toList());
            for (String s : submits) {
                assertEquals(expected.text(), JsonPath.read(s, "$.message"));
                assertEquals("CONGVU", JsonPath.read(s, "$.source"));
            }
            for (String shot : List.of("1-refused.png", "2-compose.png", "3-confirm.png", "4-history.png")) {
                assertTrue(Files.size(SCREENSHOTS.resolve(shot)) > 1000, shot);
            }
        } finally {
            slapd.close();
        }
    }

    private List<String> runBrowser(String url, String sentText) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("node", "browser-test.js").directory(NpmSmsc.PEERS.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("URL", url);
        env.put("SENDER", Province.mail(Province.SENDER));
        env.put("SENDER_PASSWORD", Province.PASSWORD);
        env.put("OFFICIAL", Province.mail(Province.OFFICIAL));
        env.put("OFFICIAL_PASSWORD", Province.PASSWORD);
        env.put("PERSON_QUERY", "nguyen van");
        env.put("PERSON_NAME", "Nguyễn Văn An");
        env.put("GROUP_QUERY", "lanh dao");
        env.put("GROUP", Province.GROUP);
        env.put("TEXT", TEXT);
        env.put("SENT_TEXT", sentText);
        env.put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
        env.put("CHROMIUM", CHROMIUM.toString());
        Process browser = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (Exception e) {
                // process gone
            }
        }, "browser-output");
        reader.start();
        boolean ended = browser.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
        }
        reader.join(5000);
        List<String> copy;
        synchronized (lines) {
            copy = List.copyOf(lines);
        }
        assertTrue(ended, "browser test did not finish within 180 s: " + copy);
        assertEquals(0, browser.exitValue(), "browser test failed (screenshot in " + SCREENSHOTS + "): " + copy);
        return copy;
    }

    private static Map<String, Object> step(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith("{") && name.equals(JsonPath.read(l, "$.step")))
                .findFirst().<Map<String, Object>>map(l -> JsonPath.read(l, "$"))
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + lines));
    }
}
