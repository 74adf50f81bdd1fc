package vn.congvu.gateway.smsc;

import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.jayway.jsonpath.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The npm "smpp" SMSC of src/test/node/smsc.js in its own process: every submit_sm answered and logged as a JSON
 * line, DELIVRD receipts sent back. {@code ./congvu test} installs the package from src/test/node/package.json.
 */
public final class NpmSmsc implements AutoCloseable {

    public static final Path PEERS = Path.of("src/test/node");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final int port;

    public static boolean installed() {
        return Files.isDirectory(PEERS.resolve("node_modules/smpp"));
    }

    /** @param idStyle "hex" or "decimal": how submit_sm_resp gives ids (receipts use the other base) */
    public NpmSmsc(String idStyle) throws IOException, InterruptedException {
        process = new ProcessBuilder("node", "smsc.js", idStyle).directory(PEERS.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        }, "npm-smsc-output");
        reader.setDaemon(true);
        reader.start();
        if (!await(() -> lines.stream().anyMatch(l -> l.contains("\"listening\"")), 10_000)) {
            close();
            throw new IOException("npm SMSC did not start: " + lines);
        }
        port = JsonPath.read(lines.stream().filter(l -> l.contains("\"listening\"")).findFirst().orElseThrow(), "$.port");
    }

    public int port() {
        return port;
    }

    /** Everything it printed, one JSON object a line. */
    public List<String> lines() {
        return lines;
    }

    public List<String> submits() {
        return lines.stream().filter(l -> l.contains("\"submit_sm\"")).toList();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the script exits when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
