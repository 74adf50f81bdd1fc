package vn.congvu.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private AuditLog log(String process, Instant now, int retentionDays) {
        return new AuditLog(dir, process, new AuditSettings(retentionDays), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRecordIsReadBackWithEveryField() throws Exception {
        try (AuditLog log = log("console", NOON, 365)) {
            log.record(AuditAction.PASSWORD_RESET, "admin", "nva", "10.0.0.7", "active", "must change", "Nguyễn Văn A");
        }
        List<AuditEvent> found = new AuditTrail(dir).search(new AuditTrail.Query(null, null, null, null, null, 10));
        assertEquals(List.of(new AuditEvent(NOON, "console", AuditAction.PASSWORD_RESET, "admin", "nva", "10.0.0.7",
                "active", "must change", "Nguyễn Văn A")), found);
        Path file = dir.resolve("audit-2026-12-07-console.jsonl");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aLoginWithANewlineCannotForgeARecord() throws Exception {
        String forged = "x\n{\"at\":\"2026-12-07T11:00:00Z\",\"process\":\"console\",\"action\":\"account-unlocked\","
                + "\"actor\":\"admin\",\"subject\":\"victim\"}\r\u2028\u0000\"\\";
        try (AuditLog log = log("mail", NOON, 365)) {
            log.record(AuditAction.SIGN_IN_FAILED, forged, null, "127.0.0.1", null, null, "imap");
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit-2026-12-07-mail.jsonl"), StandardCharsets.UTF_8);
        assertEquals(1, lines.size());
        List<AuditEvent> found = new AuditTrail(dir).search(new AuditTrail.Query(null, null, null, null, null, 10));
        assertEquals(1, found.size());
        assertEquals(forged, found.get(0).actor());
        assertEquals(AuditAction.SIGN_IN_FAILED, found.get(0).action());
    }

    @Test
    void threadsAndTwoWritersOfOneProcessNeverInterleaveLines() throws Exception {
        int threads = 8;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        // two logs on one file: two processes of one kind (two nodes' consoles on a shared data directory)
        try (AuditLog a = log("console", NOON, 365); AuditLog b = log("console", NOON, 365)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                AuditLog log = t % 2 == 0 ? a : b;
                String actor = "actor-" + t + "-" + "x".repeat(3000); // lines far above a pipe's atomic size
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        log.record(AuditAction.SIGN_IN_FAILED, actor, "uid" + i, null, null, null, null);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(dir.resolve("audit-2026-12-07-console.jsonl"));
        assertEquals(threads * each, lines.size());
        List<AuditEvent> all = new AuditTrail(dir).search(new AuditTrail.Query(null, null, null, null, null, 100_000));
        assertEquals(threads * each, all.size(), "every line parses: none was cut or interleaved");
    }

    @Test
    void queriesFilterByTimeActorSubjectAndActionNewestFirst() throws Exception {
        for (int day = 0; day < 5; day++) {
            Instant at = NOON.plusSeconds(86_400L * day);
            try (AuditLog log = log("mail", at, 365)) {
                log.record(AuditAction.SIGN_IN_FAILED, "Attacker", "nva", "192.0.2.1", null, null, "imap");
                log.record(AuditAction.ACCOUNT_UNLOCKED, "admin", "nva", "10.0.0.1", "locked", "unlocked", null);
            }
        }
        AuditTrail trail = new AuditTrail(dir);
        List<AuditEvent> fromAttacker = trail.search(new AuditTrail.Query(null, null, "attacker", null, null, 100));
        assertEquals(5, fromAttacker.size());
        assertTrue(fromAttacker.get(0).at().isAfter(fromAttacker.get(4).at()), "newest first");
        List<AuditEvent> unlocks = trail.search(new AuditTrail.Query(NOON.plusSeconds(86_400L * 3), null, null, "NVA",
                AuditAction.ACCOUNT_UNLOCKED, 100));
        assertEquals(2, unlocks.size());
        assertTrue(unlocks.stream().allMatch(e -> e.actor().equals("admin")));
        assertEquals(3, trail.search(new AuditTrail.Query(null, null, null, null, null, 3)).size());
        List<AuditEvent> window = trail.search(new AuditTrail.Query(NOON, NOON.plusSeconds(86_400), null, null, null, 100));
        assertEquals(2, window.size(), "until is exclusive");
    }

    @Test
    void daysBeyondTheRetentionAreDeletedWhenADayBegins() throws Exception {
        try (AuditLog old = log("gateway", NOON.minusSeconds(86_400L * 40), 30)) {
            old.record(AuditAction.SIGN_IN_FAILED, "someone", null, null, null, null, null);
        }
        try (AuditLog recent = log("console", NOON.minusSeconds(86_400L * 10), 30)) {
            recent.record(AuditAction.SIGN_IN_FAILED, "someone", null, null, null, null, null);
        }
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        assertTrue(Files.exists(dir.resolve("audit-2026-10-28-gateway.jsonl")));
        try (AuditLog today = log("mail", NOON, 30)) {
            today.record(AuditAction.SIGN_IN_FAILED, "someone", null, null, null, null, null);
        }
        assertFalse(Files.exists(dir.resolve("audit-2026-10-28-gateway.jsonl")), "40 days old, kept 30");
        assertTrue(Files.exists(dir.resolve("audit-2026-11-27-console.jsonl")));
        assertTrue(Files.exists(dir.resolve("notes.txt")), "only audit day files are deleted");
    }

    @Test
    void aLineCutShortByACrashIsSkippedNotFatal() throws Exception {
        try (AuditLog log = log("mail", NOON, 365)) {
            log.record(AuditAction.SIGN_IN_FAILED, "a", null, null, null, null, null);
        }
        Path file = dir.resolve("audit-2026-12-07-mail.jsonl");
        Files.writeString(file, "{\"at\":\"2026-12-07T12:00:01Z\",\"proc", java.nio.file.StandardOpenOption.APPEND);
        try (AuditLog log = log("mail", NOON.plusSeconds(2), 365)) {
            log.record(AuditAction.SIGN_IN_FAILED, "b", null, null, null, null, null);
        }
        List<AuditEvent> found = new AuditTrail(dir).search(new AuditTrail.Query(null, null, null, null, null, 10));
        assertEquals(List.of("b", "a"), found.stream().map(AuditEvent::actor).toList());
    }

    @Test
    void settingsComeFromTheirFileWithEveryMistakeNamed(@TempDir Path config) throws Exception {
        Path file = config.resolve("audit.properties");
        Files.writeString(file, "retention-days=90\n");
        assertEquals(90, AuditSettings.load(file).retentionDays());
        Files.writeString(file, "retention-days=0\n");
        assertTrue(message(file).contains("retention-days"));
        Files.writeString(file, "retention-dys=30\n");
        assertTrue(message(file).contains("unknown key"));
        Files.writeString(file, "# nothing\n");
        assertTrue(message(file).contains("missing retention-days"));
        Path shipped = Path.of("..", "config", AuditSettings.FILE);
        assertEquals(365, AuditSettings.load(shipped).retentionDays());
    }

    private static String message(Path file) {
        try {
            AuditSettings.load(file);
            return "";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
