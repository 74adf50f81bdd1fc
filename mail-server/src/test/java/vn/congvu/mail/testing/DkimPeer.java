package vn.congvu.mail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other domain's DKIM implementation: Python's dkimpy (Debian python3-dkim, for /usr/bin/python3) through
 * {@code src/test/resources/python/dkim_peer.py}, so our signatures and verdicts are checked by code that is not ours.
 */
public final class DkimPeer {
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private DkimPeer() {
    }

    /** "dkim pass" or "dkim fail": dkimpy's verdict with the key of {@code record} (as ./congvu dkim prints it). */
    public static String verify(String record, byte[] message) throws IOException, InterruptedException {
        return new String(run(message, "verify", record), StandardCharsets.UTF_8).strip();
    }

    /** The message signed relaxed/relaxed rsa-sha256 by dkimpy as {@code domain}, selector {@code selector}. */
    public static byte[] sign(Path privateKey, String domain, String selector, byte[] message)
        throws IOException, InterruptedException {
        return run(message, "sign", privateKey.toString(), domain, selector);
    }

    /** The helper script, copied out of the test resources. */
    public static Path script() throws IOException {
        Path script = Files.createTempFile("dkim_peer", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = DkimPeer.class.getResourceAsStream("/python/dkim_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        return script;
    }

    private static byte[] run(byte[] input, String... arguments) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException(PYTHON + " missing (apt-get install python3 python3-dkim)");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile("dkim_peer", ".err");
        Process python = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        try (var in = python.getOutputStream()) {
            in.write(input);
        }
        byte[] output = python.getInputStream().readAllBytes();
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            python.destroyForcibly();
            throw new IllegalStateException("dkim_peer.py " + arguments[0] + " failed: " + Files.readString(errors));
        }
        Files.deleteIfExists(errors);
        return output;
    }
}
