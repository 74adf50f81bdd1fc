package vn.congvu.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the audit records of every process from the audit directory, newest first: the console's audit page and
 * {@code GET /api/v1/admin/audit}. Day files before {@code since} are not opened.
 */
public final class AuditTrail {

    /** What to look for; null fields match everything. {@code actor} and {@code subject} match exactly, any case. */
    public record Query(Instant since, Instant until, String actor, String subject, AuditAction action, int limit) {

        public Query {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
        }

        boolean matches(AuditEvent e) {
            return (since == null || !e.at().isBefore(since))
                    && (until == null || e.at().isBefore(until))
                    && (actor == null || actor.equalsIgnoreCase(e.actor()))
                    && (subject == null || subject.equalsIgnoreCase(e.subject()))
                    && (action == null || action == e.action());
        }
    }

    private final Path directory;

    public AuditTrail(Path directory) {
        this.directory = directory;
    }

    public List<AuditEvent> search(Query query) {
        LocalDate firstDay = query.since() == null ? null : query.since().atOffset(ZoneOffset.UTC).toLocalDate();
        List<AuditEvent> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(p -> inRange(p, firstDay)).toList()) {
                read(file, query, found);
            }
        } catch (NoSuchFileException e) {
            return List.of(); // nothing audited yet
        } catch (IOException e) {
            throw new UncheckedIOException("reading the audit directory " + directory, e);
        }
        // later lines first, then a stable sort: records of one instant stay newest first
        Collections.reverse(found);
        found.sort(Comparator.comparing(AuditEvent::at).reversed());
        return found.size() > query.limit() ? List.copyOf(found.subList(0, query.limit())) : found;
    }

    private static boolean inRange(Path file, LocalDate firstDay) {
        Optional<LocalDate> day = AuditFiles.day(file);
        return day.isPresent() && (firstDay == null || !day.get().isBefore(firstDay));
    }

    private static void read(Path file, Query query, List<AuditEvent> found) {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                AuditJson.read(line).filter(query::matches).ifPresent(found::add);
            }
        } catch (NoSuchFileException e) {
            // deleted by the retention meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("reading the audit file " + file, e);
        }
    }
}
