package vn.congvu.mail.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * One official's migration: the old login checked and folders listed (mbsync channel probe), then the copy (channel
 * migrate), whose progress counters are read as it runs. mbsync prints its counters only to a terminal, so it runs
 * under {@code script}, which gives it one. Everything mbsync says goes to the official's log file.
 */
final class OfficialMigration implements Callable<OfficialMigration.Outcome> {
    static final Path MBSYNC = Path.of("/usr/bin/mbsync");
    static final Path SCRIPT = Path.of("/usr/bin/script");
    // "C: 0/1  B: 2/4  F: +0/0 *0/0 #0/0  N: +3/5 *0/0 #0/0": boxes done/total, new messages copied/to copy
    private static final Pattern COUNTERS = Pattern.compile("B: (\\d+)/(\\d+).*N: \\+(\\d+)/(\\d+)");
    private static final long TIMEOUT_HOURS = 24;

    record Outcome(MigrationList.Row row, boolean migrated, int folders, long copied, long seconds, String reason) {
    }

    private final MigrationList.Row row;
    private final Path dir;
    private final MbsyncConfig.Sides sides;
    volatile int boxesDone;
    volatile int boxes;
    volatile long copied;
    volatile long toCopy;
    volatile boolean started;

    OfficialMigration(MigrationList.Row row, Path dir, MbsyncConfig.Sides sides) {
        this.row = row;
        this.dir = dir;
        this.sides = sides;
    }

    MigrationList.Row row() {
        return row;
    }

    @Override
    public Outcome call() {
        long start = System.nanoTime();
        started = true;
        Path passwordFile = null;
        try {
            Files.createDirectories(dir.resolve("probe"));
            Files.createDirectories(dir.resolve("state"));
            if (row.oldPassword() != null) {
                passwordFile = dir.resolve("old.password");
                Files.deleteIfExists(passwordFile);
                OwnerOnlyFiles.create(passwordFile, row.oldPassword());
            }
            Path config = MbsyncConfig.write(dir, row, sides, passwordFile != null ? passwordFile : sides.masterPasswordFile());
            Path log = dir.resolve("mbsync.log");
            Files.writeString(log, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);

            Run probe = run(List.of(MBSYNC.toString(), "-c", config.toString(), "-l", MbsyncConfig.PROBE), log);
            int folders = (int) probe.lines.stream().filter(line -> !line.isBlank()).count();
            if (probe.exit != 0) {
                return failed(start, oldSideReason(probe.lines));
            }
            boxes = folders;
            Run sync = run(List.of(SCRIPT.toString(), "-qec",
                MBSYNC + " -c '" + config + "' " + MbsyncConfig.MIGRATE, "/dev/null"), log);
            if (sync.exit != 0) {
                return failed(start, congvuSideReason(sync.lines));
            }
            return new Outcome(row, true, folders, copied, seconds(start), null);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return failed(start, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "interrupted");
        } finally {
            if (passwordFile != null) {
                try {
                    Files.deleteIfExists(passwordFile);
                } catch (IOException ignored) {
                    // the directory is owner-only; the next run replaces the file
                }
            }
        }
    }

    private record Run(int exit, List<String> lines) {
    }

    /** Runs a command with no input, reading its output line by line (CR or LF) into the log and the counters. */
    private Run run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        try (InputStream out = process.getInputStream()) {
            byte[] buffer = new byte[8192];
            java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
            for (int n; (n = out.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\r' || b == '\n') {
                        line.append(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                        if (!line.isEmpty()) {
                            String text = line.toString();
                            if (!counters(text)) {
                                lines.add(text);
                                Files.writeString(log, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                            }
                        }
                        line.setLength(0);
                    } else {
                        pending.write(b);
                    }
                }
            }
            if (pending.size() > 0) {
                lines.add(pending.toString(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
            process.destroyForcibly();
            throw new IOException("mbsync did not finish within " + TIMEOUT_HOURS + " hours");
        }
        return new Run(process.exitValue(), lines);
    }

    private boolean counters(String line) {
        Matcher counters = COUNTERS.matcher(line);
        if (!counters.find()) {
            return false;
        }
        boxesDone = Integer.parseInt(counters.group(1));
        boxes = Math.max(boxes, Integer.parseInt(counters.group(2)));
        copied = Long.parseLong(counters.group(3));
        toCopy = Long.parseLong(counters.group(4));
        return true;
    }

    private String oldSideReason(List<String> lines) {
        String said = said(lines);
        if (said.contains("returned an error") && (said.contains("LOGIN") || said.contains("AUTHENTICATE"))) {
            return "the old server refused the login of " + row.oldLogin()
                + (sides.masterName() == null ? " (wrong password?)" : " as master " + sides.masterName()) + ": " + said;
        }
        return "old server: " + said;
    }

    private String congvuSideReason(List<String> lines) {
        String said = said(lines);
        if (said.contains("LOGIN <user> <pass>' returned an error")) {
            return "CongVu refused the migration login (is the mail server running on this CONGVU_HOME, and is "
                + row.address() + " in the directory?): " + said;
        }
        return said;
    }

    /** mbsync's last few error lines; it writes passwords as {@code <pass>}, and PassCmd keeps them out anyway. */
    private static String said(List<String> lines) {
        List<String> errors = lines.stream().filter(line -> !line.isBlank()).toList();
        return errors.isEmpty() ? "mbsync failed without saying why"
            : String.join(" | ", errors.subList(Math.max(0, errors.size() - 3), errors.size()));
    }

    private Outcome failed(long start, String reason) {
        return new Outcome(row, false, boxes, copied, seconds(start), reason);
    }

    private static long seconds(long start) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }
}
