package vn.congvu.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * Writes audit records, one JSON line each ({@link AuditJson}), to {@code audit-YYYY-MM-DD-PROCESS.jsonl} under the
 * audit directory ({@code $CONGVU_HOME/audit}); the day is UTC's. Each record is one {@code write} to a file opened
 * for appending, so the processes and threads writing a day's file never interleave their lines. Files older than
 * the retention are deleted when a day begins. The files are readable by their owner alone: they name accounts and
 * addresses.
 * <p>
 * A record that cannot be written is logged as an error and the action goes on: refusing every sign-in because
 * the disk is full would lock out the officials and the administrators who must fix it.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditLog.class);
    static final String PREFIX = "audit-";
    static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final String process;
    private final AuditSettings settings;
    private final Clock clock;
    private LocalDate day;
    private FileChannel file;

    public AuditLog(Path directory, String process, AuditSettings settings, Clock clock) {
        if (!process.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("process name " + process + ": lower-case letters, digits and '-'");
        }
        this.directory = directory;
        this.process = process;
        this.settings = settings;
        this.clock = clock;
    }

    /** The log of {@code process} under {@code home}/audit, with the retention of the configuration directory. */
    public static AuditLog under(Path home, String process) {
        return new AuditLog(home.resolve("audit"), process, AuditSettings.load(), Clock.systemUTC());
    }

    public Path directory() {
        return directory;
    }

    public Clock clock() {
        return clock;
    }

    /** Records what happened now. */
    public void record(AuditAction action, String actor, String subject, String source, String before, String after,
            String detail) {
        record(new AuditEvent(clock.instant(), process, action, actor, subject, source, before, after, detail));
    }

    public synchronized void record(AuditEvent event) {
        byte[] line = (AuditJson.line(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            FileChannel channel = fileFor(event.at().atOffset(ZoneOffset.UTC).toLocalDate());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException | UncheckedIOException e) {
            LOGGER.error("Audit record not written ({} by {} on {}): {}", event.action().wire(), event.actor(),
                    event.subject(), e.toString());
        }
    }

    private FileChannel fileFor(LocalDate date) throws IOException {
        if (file != null && date.equals(day)) {
            return file;
        }
        close();
        OwnerOnlyFiles.directory(directory);
        Path path = directory.resolve(PREFIX + date + "-" + process + SUFFIX);
        file = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), OwnerOnlyFiles.fileAttributes());
        endCutLine(path, file);
        day = date;
        deleteOlderThan(date.minusDays(settings.retentionDays()));
        return file;
    }

    /** A last line cut short by a crash is ended, so the next record starts a line of its own. */
    private static void endCutLine(Path path, FileChannel appending) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel reading = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = reading.size();
            if (size == 0 || reading.read(last, size - 1) != 1 || last.get(0) == '\n') {
                return;
            }
        }
        appending.write(ByteBuffer.wrap(new byte[] {'\n'}));
    }

    /** Deletes the day files of every process dated before {@code first}. */
    private void deleteOlderThan(LocalDate first) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path old : files.filter(p -> AuditFiles.day(p).map(d -> d.isBefore(first)).orElse(false)).toList()) {
                Files.deleteIfExists(old);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOGGER.warn("Closing the audit file: {}", e.toString());
            }
            file = null;
        }
    }
}
