package vn.congvu.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The SMSC peer: {@code sms-gateway/src/test/node/smsc.js}, the npm "smpp" package in its own node process. It
 * accepts only the given bind credentials, answers every submit_sm, sends a DELIVRD receipt for each, and
 * reports every PDU it saw as one JSON line.
 */
final class NpmSmsc implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final int port;

    private NpmSmsc(Process process, Path log) throws Exception {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    events.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                // the process is gone; what it said is in the log
            }
        }, "npm-smsc");
        reader.setDaemon(true);
        reader.start();
        Eventually.holds(Duration.ofSeconds(15), () -> !events("listening").isEmpty(), () -> "npm SMSC listening; log " + log);
        this.port = events("listening").get(0).get("port").asInt();
    }

    static NpmSmsc start(Path repository, String systemId, String password, Path log) throws Exception {
        Path dir = repository.resolve("sms-gateway/src/test/node");
        if (!Files.isDirectory(dir.resolve("node_modules/smpp"))) {
            throw new IllegalStateException("the npm smpp package is not installed in " + dir
                    + ": run ./congvu test, or (cd " + dir + " && npm ci)");
        }
        ProcessBuilder builder = new ProcessBuilder("node", "smsc.js", "hex").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.resolveSibling("smsc.stderr").toFile()));
        builder.environment().put("SMSC_SYSTEM_ID", systemId);
        builder.environment().put("SMSC_PASSWORD", password);
        return new NpmSmsc(builder.start(), log);
    }

    int port() {
        return port;
    }

    List<JsonNode> events(String event) {
        return events.stream().filter(e -> event.equals(e.path("event").asString())).toList();
    }

    List<JsonNode> submits() {
        return events("submit_sm");
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // smsc.js exits when its stdin closes
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
