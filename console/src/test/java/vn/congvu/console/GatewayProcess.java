package vn.congvu.console;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The SMS gateway as {@code ./congvu up gateway} runs it: the jar Maven built in {@code sms-gateway/target}, the
 * real {@code config/gateway/application.yml}, its own data directory, the given directory, its built-in SMSC
 * simulator (which sends delivery receipts), on free loopback ports. The console's pom depends on the gateway module
 * so that Maven builds it first.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path JAR = Path.of("../sms-gateway/target/congvu-sms-gateway.jar").toAbsolutePath().normalize();

    private final Process process;
    private final Path log;
    private final int port;

    private GatewayProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Started and answering UP on its health endpoint with the simulator bound. */
    static GatewayProcess start(Map<String, String> directory, String token) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no gateway jar at " + JAR + ": package sms-gateway first"
                    + " (./mvnw -pl console -am package or ./congvu test)");
        }
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "gateway-");
        Path log = home.resolve("gateway.log");
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                "--gateway.cluster.enabled=false", "--gateway.dispatch.idle-poll=50ms",
                "--gateway.receipts.reconcile-interval=200ms", "--gateway.simulator.receipt-delay=200ms")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(directory);
        pb.environment().putAll(Map.of(
                "CONGVU_HOME", home.toString(),
                "CONGVU_CONFIG", Path.of(System.getProperty("congvu.config")).toAbsolutePath().toString(),
                "CONGVU_GATEWAY_PORT", String.valueOf(port),
                "CONGVU_SMSC_PORT", String.valueOf(freePort()),
                "CONGVU_INTAKE_TOKEN", token));
        GatewayProcess gateway = new GatewayProcess(pb.start(), log, port);
        gateway.awaitUp();
        return gateway;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitUp() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped during start-up:\n" + logTail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200
                        && "UP".equals(JsonPath.read(health.body(), "$.components.smsc.status"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("the gateway did not come up within 120 s:\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
