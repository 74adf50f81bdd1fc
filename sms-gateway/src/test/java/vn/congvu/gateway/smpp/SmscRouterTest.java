package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.congvu.gateway.smsc.ScriptedSmsc;

class SmscRouterTest {

    private static SmscAccount account(String name, int port, boolean defaultRoute, String... prefixes) {
        return new SmscAccount(name, "127.0.0.1", port, "cv_" + name, "pw", "", SmscAccount.BindMode.TRANSCEIVER, 10, 0,
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofMillis(100),
                List.of(prefixes), defaultRoute);
    }

    private static SmscSession session(SmscAccount a) {
        return new SmscSession(a, new Brandname("CONGVU"),
                new SmppProperties("CONGVU", true, Duration.ofHours(1), true, List.of(a)), (x, t, i, s) -> { });
    }

    @Test
    void routesByVietnamesePrefixWithDefaultAndFailover() throws Exception {
        try (ScriptedSmsc viettelSmsc = new ScriptedSmsc(); ScriptedSmsc vinaSmsc = new ScriptedSmsc();
             ScriptedSmsc defaultSmsc = new ScriptedSmsc()) {
            SmscSession viettel = session(account("viettel", viettelSmsc.port(), false,
                    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098"));
            SmscSession vina = session(account("vinaphone", vinaSmsc.port(), false,
                    "081", "082", "083", "084", "085", "088", "091", "094"));
            SmscSession fallback = session(account("default", defaultSmsc.port(), true));
            List<SmscSession> all = List.of(viettel, vina, fallback);
            try {
                all.forEach(SmscSession::start);
                assertTrue(await(() -> all.stream().allMatch(SmscSession::canSubmit), 5000));
                SmscRouter router = new SmscRouter(all);
                assertEquals("viettel", router.route("84961234567").orElseThrow().name());
                assertEquals("viettel", router.route("84321234567").orElseThrow().name());
                assertEquals("vinaphone", router.route("84841234567").orElseThrow().name(), "084 is VinaPhone, not the country code");
                assertEquals("vinaphone", router.route("84911234567").orElseThrow().name());
                // MobiFone 090 has no account here: the default route takes it
                assertEquals("default", router.route("84901234567").orElseThrow().name());

                viettelSmsc.close(); // the Viettel SMSC goes away
                assertTrue(await(() -> !viettel.canSubmit(), 3000));
                assertEquals("viettel", router.preferred("84961234567").name());
                assertEquals("default", router.route("84961234567").orElseThrow().name(), "failover");
            } finally {
                all.forEach(SmscSession::close);
            }
        }
    }

    @Test
    void refusesAmbiguousTables() {
        SmscSession a = session(account("a", 1, true, "090"));
        SmscSession b = session(account("b", 1, true, "093"));
        assertThrows(IllegalArgumentException.class, () -> new SmscRouter(List.of(a, b)));
        SmscSession c = session(account("c", 1, false, "0090".substring(1)));
        SmscSession d = session(account("d", 1, false, "8490"));
        assertThrows(IllegalArgumentException.class, () -> new SmscRouter(List.of(c, d)));
        assertEquals("8490", SmscRouter.international("090"));
        assertEquals("8484", SmscRouter.international("084"));
    }

    @Test
    void brandnameIsValidatedAtStart() {
        assertEquals("UBNDTINH", new Brandname("UBNDTINH").value());
        assertThrows(IllegalArgumentException.class, () -> new Brandname("UBNDTINHQNGAI"));
        assertThrows(IllegalArgumentException.class, () -> new Brandname("UB TINH"));
        assertThrows(IllegalArgumentException.class, () -> new Brandname("TỈNHỦY"));
        assertThrows(IllegalArgumentException.class, () -> new Brandname(""));
    }

    @Test
    void reconnectBackoffGrowsWithJitterAndStartsHigherAfterRefusal() {
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30), () -> 1.0);
        assertEquals(1000, b.afterFailure().toMillis());
        assertEquals(2000, b.afterFailure().toMillis());
        assertEquals(4000, b.afterFailure().toMillis());
        b.reset();
        assertEquals(30000, b.afterRefusal().toMillis());
        assertEquals(60000, b.afterRefusal().toMillis(), "capped");
        ReconnectBackoff low = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(30), () -> 0.0);
        assertEquals(500, low.afterFailure().toMillis(), "jitter keeps at least half");
    }

    @Test
    void passwordNeverInAccountText() {
        assertTrue(!account("x", 2775, true).toString().contains("pw"));
    }

    @Test
    void validityPeriodIsRelative() {
        assertEquals("000001000000000R", ValidityPeriod.relative(Duration.ofHours(24)));
        assertEquals("000000020000000R", ValidityPeriod.relative(Duration.ofHours(2)));
        assertEquals("000002063000000R", ValidityPeriod.relative(Duration.ofHours(54).plusMinutes(30)));
    }
}
