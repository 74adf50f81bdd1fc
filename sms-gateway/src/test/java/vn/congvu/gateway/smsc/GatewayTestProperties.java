package vn.congvu.gateway.smsc;

import org.springframework.test.context.DynamicPropertyRegistry;

/** One SMSC account pointing at a {@link ScriptedSmsc}, with timings short enough for tests. */
public final class GatewayTestProperties {

    private GatewayTestProperties() {
    }

    /** A data directory of its own (intake token, audit log, certificates), never ./data. */
    public static String temporaryHome() {
        try {
            java.nio.file.Path home = java.nio.file.Files.createTempDirectory("congvu-gateway-test");
            home.toFile().deleteOnExit();
            return home.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void account(DynamicPropertyRegistry registry, ScriptedSmsc smsc, String databaseUrl) {
        String a = "gateway.smpp.accounts[0].";
        registry.add("congvu.home", GatewayTestProperties::temporaryHome);
        registry.add(a + "name", () -> "test");
        registry.add(a + "host", () -> "127.0.0.1");
        registry.add(a + "port", smsc::port);
        registry.add(a + "system-id", () -> "congvu_test");
        registry.add(a + "password", () -> "pw");
        registry.add(a + "window", () -> 4);
        registry.add(a + "tps", () -> 0);
        registry.add(a + "response-timeout", () -> "3s");
        registry.add(a + "reconnect-min", () -> "50ms");
        registry.add(a + "reconnect-max", () -> "300ms");
        registry.add(a + "bind-refused-min", () -> "100ms");
        registry.add(a + "throttle-min", () -> "20ms");
        registry.add(a + "throttle-max", () -> "200ms");
        registry.add(a + "default-route", () -> true);
        registry.add("gateway.dispatch.idle-poll", () -> "50ms");
        registry.add("gateway.directory.enabled", () -> false);
        registry.add("gateway.simulator.mode", () -> "off");
        registry.add("gateway.cluster.enabled", () -> false);
        registry.add("gateway.receipts.reconcile-interval", () -> "200ms");
        registry.add("gateway.security.failed-login-delay", () -> "0s");
        registry.add("spring.datasource.url", () -> databaseUrl);
    }
}
