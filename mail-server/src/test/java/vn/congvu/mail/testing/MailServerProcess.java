package vn.congvu.mail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import vn.congvu.directory.testing.Slapd;
import vn.congvu.mail.server.CongVuMailServerMain;

/**
 * The real mail server in a child JVM, as the launcher starts it (same main class, same config/james,
 * CONGVU_* environment), on free loopback ports and a private data directory. Restartable on the same
 * ports and data; killable with SIGKILL for crash tests. Accounts are local (created through WebAdmin) unless
 * the server is given a slapd ({@link SlapdAccounts}): then it runs on the directory, as every deployment does,
 * and {@link #createUser} adds an official there.
 */
public final class MailServerProcess implements AutoCloseable {
    public static final String DOMAIN = "example.gov.vn";

    public final Path home;
    public final int smtpPort;
    public final int submissionPort;
    public final int smtpsPort;
    public final int imapPort;
    public final int imapsPort;
    public final int webadminPort;
    public final int pop3Port;
    public final int pop3sPort;
    private final Map<String, String> extraEnvironment;
    private final Slapd directory;
    private final Path log;
    private Process process;
    private int starts;

    public MailServerProcess(Path home, Map<String, String> extraEnvironment) {
        this(home, extraEnvironment, null);
    }

    /** On the officials of {@code directory} (null: local accounts); {@code extraEnvironment} comes last. */
    public MailServerProcess(Path home, Map<String, String> extraEnvironment, Slapd directory) {
        this.home = home;
        this.directory = directory;
        Map<String, String> environment = new HashMap<>();
        if (directory != null) {
            environment.putAll(OfficialsDirectory.mailServerEnvironment(directory));
        }
        environment.putAll(extraEnvironment);
        this.extraEnvironment = environment;
        int[] ports = freePorts(8);
        this.smtpPort = ports[0];
        this.submissionPort = ports[1];
        this.smtpsPort = ports[2];
        this.imapPort = ports[3];
        this.imapsPort = ports[4];
        this.webadminPort = ports[5];
        this.pop3Port = ports[6];
        this.pop3sPort = ports[7];
        this.log = home.resolve("server.log");
    }

    public MailServerProcess(Path home) {
        this(home, Map.of());
    }

    public static Path configDirectory() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path candidate = directory.resolve("config/james");
            if (Files.isRegularFile(candidate.resolve("smtpserver.xml"))) {
                return candidate;
            }
            directory = directory.getParent();
        }
        throw new IllegalStateException("config/james not found above " + Path.of("").toAbsolutePath());
    }

    public MailServerProcess start() throws IOException, InterruptedException {
        Files.createDirectories(home);
        starts++;
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                CongVuMailServerMain.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("CLASSPATH", classpath);
        environment.put("CONGVU_HOME", home.toString());
        environment.put("CONGVU_MAIL_CONF", configDirectory().toString());
        environment.put("CONGVU_DOMAIN", DOMAIN);
        environment.put("CONGVU_SMTP_PORT", String.valueOf(smtpPort));
        environment.put("CONGVU_SUBMISSION_PORT", String.valueOf(submissionPort));
        environment.put("CONGVU_SMTPS_PORT", String.valueOf(smtpsPort));
        environment.put("CONGVU_IMAP_PORT", String.valueOf(imapPort));
        environment.put("CONGVU_IMAPS_PORT", String.valueOf(imapsPort));
        environment.put("CONGVU_WEBADMIN_PORT", String.valueOf(webadminPort));
        environment.put("CONGVU_POP3_PORT", String.valueOf(pop3Port));
        environment.put("CONGVU_POP3S_PORT", String.valueOf(pop3sPort));
        environment.put("CONGVU_MAIL_ACCOUNTS", "local");
        environment.putAll(extraEnvironment);
        Files.writeString(log, "=== start " + starts + "\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        awaitStarted(Duration.ofSeconds(90));
        return this;
    }

    private void awaitStarted(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Mail server exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (currentStartLog().contains("JAMES server started")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Mail server did not start within " + timeout + ":\n" + logTail());
    }

    private String currentStartLog() throws IOException {
        String all = Files.readString(log, StandardCharsets.UTF_8);
        return all.substring(all.lastIndexOf("=== start " + starts));
    }

    public String logTail() {
        try {
            String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.substring(Math.max(0, all.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** How many log lines of all runs so far contain the text. */
    public long logLinesContaining(String text) throws IOException {
        return logLines().stream().filter(line -> line.contains(text)).count();
    }

    /** The names of the mails handed to the spool queue before their SMTP reply (DeliverAfterReply), in that order. */
    public List<String> mailsQueuedBeforeReply() throws IOException {
        java.util.regex.Pattern queued = java.util.regex.Pattern.compile("Mail (\\S+) for \\d+ recipients queued before the reply");
        return logLines().stream().map(queued::matcher).filter(java.util.regex.Matcher::find).map(found -> found.group(1)).toList();
    }

    /** The log of all runs so far, line by line in the order written. */
    public List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /**
     * The TCP sockets the server process listens on, as "address:port" (Linux: its socket descriptors matched
     * against the LISTEN entries of /proc/net/tcp and tcp6; addresses in the kernel's hex notation).
     */
    public Set<String> listeningSockets() throws IOException {
        Set<String> inodes = new TreeSet<>();
        try (var descriptors = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        Set<String> listening = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if ("0A".equals(fields[3]) && inodes.contains(fields[9])) {
                    String[] local = fields[1].split(":");
                    listening.add(procAddress(local[0]) + ":" + Integer.parseInt(local[1], 16));
                }
            }
        }
        return listening;
    }

    /** A /proc/net/tcp(6) address: 32-bit words in host (little-endian) order; IPv4-mapped IPv6 comes out as IPv4. */
    private static String procAddress(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = 2 * (4 * word + 3 - i);
                bytes[4 * word + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return java.net.InetAddress.getByAddress(bytes).getHostAddress();
    }

    /** Graceful stop (SIGTERM, James' shutdown hook runs). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush, like a power cut of the JVM. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public Path keystore() {
        return home.resolve("mail/var/tls/keystore.p12");
    }

    public String keystoreSecret() throws IOException {
        return Files.readString(home.resolve("mail/var/tls/keystore.secret"), StandardCharsets.UTF_8).trim();
    }

    public static String address(String localPart) {
        return localPart + "@" + DOMAIN;
    }

    /** An account with this password: an official in the directory, or a local account through WebAdmin. */
    public void createUser(String address, String password) throws IOException, InterruptedException {
        if (directory != null) {
            OfficialsDirectory.addOfficial(directory, address, password);
            return;
        }
        HttpResponse<String> response = webadmin("PUT", "/users/" + address, "{\"password\":\"" + password + "\"}");
        if (response.statusCode() != 204) {
            throw new IllegalStateException("Creating " + address + " failed: " + response.statusCode() + " " + response.body());
        }
    }

    public HttpResponse<String> webadmin(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webadminPort + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Mails waiting in the durable spool queue (WebAdmin). */
    public long spoolSize() throws IOException, InterruptedException {
        HttpResponse<String> response = webadmin("GET", "/mailQueues/spool", null);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("\"size\"\\s*:\\s*(\\d+)").matcher(response.body());
        if (response.statusCode() != 200 || !size.find()) {
            throw new IllegalStateException("Unexpected spool answer " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(size.group(1));
    }

    /** Waits until the spool queue is empty: everything accepted has been processed. */
    public void awaitSpoolDrained(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (spoolSize() > 0) {
            if (Instant.now().isAfter(deadline)) {
                // what is still queued (with its next delivery time) and what went wrong, not the WebAdmin polls
                String queued = webadmin("GET", "/mailQueues/spool/mails", null).body();
                List<String> problems = logLines().stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
                    .filter(line -> !line.contains("openjpa.Runtime"))
                    .toList();
                throw new IllegalStateException("Spool not drained within " + timeout + "; still queued: " + queued
                    + "\nwarnings and errors of the server:\n"
                    + String.join("\n", problems.subList(Math.max(0, problems.size() - 40), problems.size())));
            }
            Thread.sleep(250);
        }
    }

    public static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static Map<String, String> environment(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
