package vn.congvu.mail.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Another domain's mail server on 127.0.0.1: Python's aiosmtpd (Debian python3-aiosmtpd) keeping every mail it gets
 * as a file, with a DNS records file (dnsservice.xml {@code <records>}, CONGVU_DNS_RECORDS) whose MX for the domain
 * points at it, so the mail server's remote delivery reaches it without any DNS server.
 */
public final class RemoteMx implements AutoCloseable {
    private final String domain;
    private final boolean eightBitMime;
    private Path directory;
    private Process sink;

    /** {@code eightBitMime} false: a server that does not offer 8BITMIME, so 8bit mail must be re-encoded for it. */
    public RemoteMx(String domain, boolean eightBitMime) {
        this.domain = domain;
        this.eightBitMime = eightBitMime;
    }

    /** The records file naming each server as its domain's MX, for CONGVU_DNS_RECORDS. */
    public static Path records(Path file, RemoteMx... servers) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (RemoteMx server : servers) {
            text.append(server.start(file.resolveSibling(server.domain))).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Starts the sink in {@code directory}; returns its MX record. */
    public String start(Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        Files.createDirectories(directory);
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        sink = new ProcessBuilder(List.of(DkimPeer.PYTHON.toString(), DkimPeer.script().toString(), "sink",
                String.valueOf(port), directory.toString(), eightBitMime ? "8bit" : "7bit"))
            .redirectErrorStream(true).redirectOutput(directory.resolve("sink.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!Files.exists(directory.resolve("ready"))) {
            if (!sink.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("remote MX did not start: " + Files.readString(directory.resolve("sink.log")));
            }
            Thread.sleep(50);
        }
        return domain + " MX 127.0.0.1:" + port;
    }

    /** The {@code n}th mail the remote server received (from 1), as received, waiting for it up to a minute. */
    public byte[] awaitMail(int n, MailServerProcess sender) throws IOException, InterruptedException {
        Path mail = directory.resolve(n + ".eml");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(mail)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The remote MX got no mail " + n + "\n" + sender.logTail());
            }
            Thread.sleep(100);
        }
        return Files.readAllBytes(mail);
    }

    @Override
    public void close() throws InterruptedException {
        if (sink != null) {
            sink.destroy();
            sink.waitFor();
        }
    }
}
