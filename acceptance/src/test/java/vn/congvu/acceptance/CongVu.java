package vn.congvu.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.congvu.directory.testing.Slapd;

/**
 * The {@code ./congvu} launcher of this checkout, run as an operator runs it, with one environment: a private
 * {@code CONGVU_HOME}, free loopback ports for every service, and whatever external parts the test names. It runs the
 * jars Maven has just built ({@code CONGVU_NO_BUILD=1}).
 */
final class CongVu {

    static final String DOMAIN = "example.gov.vn";

    final Path repository;
    final Path home;
    final Map<String, String> environment = new HashMap<>();
    final int submissionPort;
    final int imapsPort;
    final int httpPort;
    final int gatewayPort;

    CongVu(Path home, Map<String, String> externalParts) throws IOException {
        this.repository = repository();
        this.home = home;
        int[] ports = freePorts(11);
        environment.put("CONGVU_HOME", home.toString());
        environment.put("CONGVU_DOMAIN", DOMAIN);
        environment.put("CONGVU_NO_BUILD", "1");
        environment.put("CONGVU_SMTP_PORT", String.valueOf(ports[0]));
        environment.put("CONGVU_SUBMISSION_PORT", String.valueOf(submissionPort = ports[1]));
        environment.put("CONGVU_SMTPS_PORT", String.valueOf(ports[2]));
        environment.put("CONGVU_IMAP_PORT", String.valueOf(ports[3]));
        environment.put("CONGVU_IMAPS_PORT", String.valueOf(imapsPort = ports[4]));
        environment.put("CONGVU_WEBADMIN_PORT", String.valueOf(ports[5]));
        // the console: the one web address, which forwards the notices API to the gateway
        environment.put("CONGVU_HTTP_PORT", String.valueOf(httpPort = ports[6]));
        environment.put("CONGVU_CLUSTER_PORT", String.valueOf(ports[7]));
        environment.put("CONGVU_GATEWAY_PORT", String.valueOf(gatewayPort = ports[8]));
        environment.put("CONGVU_POP3_PORT", String.valueOf(ports[9]));
        environment.put("CONGVU_POP3S_PORT", String.valueOf(ports[10]));
        environment.putAll(externalParts);
    }

    static Path repository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("congvu")) && Files.isDirectory(p.resolve("config"))) {
                return p;
            }
        }
        throw new IllegalStateException("the congvu launcher is not above " + Path.of("").toAbsolutePath());
    }

    static String mail(String uid) {
        return uid + "@" + DOMAIN;
    }

    /** {@code ./congvu import ARGS...}: its exit code and output. */
    Result importOfficials(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(repository.resolve("congvu").toString(), "import"));
        command.addAll(List.of(args));
        Process process = builder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./congvu import did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    record Result(int exitCode, String output) {
    }

    /** {@code ./congvu up [PART...]}, returned once it says it is running. */
    Running up(String... parts) throws Exception {
        List<String> command = new ArrayList<>(List.of(repository.resolve("congvu").toString(), "up"));
        command.addAll(List.of(parts));
        Files.createDirectories(home);
        Path out = Files.createTempFile(home.getParent(), "congvu-up-", ".out");
        Process process = builder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Running running = new Running(process, out);
        Eventually.holds(Duration.ofMinutes(4), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("./congvu up " + String.join(" ", parts) + " exited with " + process.exitValue()
                        + ":\n" + running.output() + logs());
            }
            return running.output().contains("CongVu is running");
        }, () -> running.output() + logs());
        return running;
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        // only this test's settings: nothing from the shell that runs Maven
        builder.environment().keySet().removeIf(name -> name.startsWith("CONGVU_"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** The tail of every component log, for failure messages. */
    String logs() {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(home.resolve("logs"))) {
            for (Path log : files.sorted().toList()) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                all.append("\n--- ").append(log.getFileName()).append(" (tail)\n")
                        .append(text, Math.max(0, text.length() - 4000), text.length());
            }
        } catch (IOException e) {
            all.append("\n(no logs: ").append(e).append(')');
        }
        return all.toString();
    }

    /** One running launcher and the processes it started. */
    final class Running implements AutoCloseable {
        private final Process launcher;
        private final Path output;

        private Running(Process launcher, Path output) {
            this.launcher = launcher;
            this.output = output;
        }

        /** What the launcher printed so far. */
        String output() {
            try {
                return Files.readString(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(launcher output unreadable: " + e + ")";
            }
        }

        List<ProcessHandle> javaProcesses() {
            return launcher.descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
        }

        /**
         * SIGTERM to the launcher, as Ctrl-C or a service manager would: it must exit 0 having stopped every
         * process it started.
         */
        void stop() throws Exception {
            List<ProcessHandle> children = launcher.descendants().toList();
            launcher.destroy();
            if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                throw new AssertionError("the launcher did not stop within 120 s after SIGTERM:\n" + output() + logs());
            }
            if (launcher.exitValue() != 0) {
                throw new AssertionError("the launcher exited with " + launcher.exitValue() + " on SIGTERM:\n" + output());
            }
            Eventually.holds(Duration.ofSeconds(30), () -> children.stream().noneMatch(ProcessHandle::isAlive),
                    () -> "orphans left running: " + children.stream().filter(ProcessHandle::isAlive)
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        }

        @Override
        public void close() throws Exception {
            if (launcher.isAlive()) {
                List<ProcessHandle> children = launcher.descendants().toList();
                launcher.destroy();
                if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
                    children.forEach(ProcessHandle::destroyForcibly);
                    launcher.destroyForcibly();
                }
            }
        }
    }

    private static int[] freePorts(int count) throws IOException {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(Slapd.freePort());
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }
}
