package vn.congvu.audit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The day of an audit file, from its name {@code audit-YYYY-MM-DD-PROCESS.jsonl}. */
final class AuditFiles {

    private static final int DATE_LENGTH = "YYYY-MM-DD".length();

    private AuditFiles() {
    }

    static Optional<LocalDate> day(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(AuditLog.PREFIX) || !name.endsWith(AuditLog.SUFFIX)
                || name.length() < AuditLog.PREFIX.length() + DATE_LENGTH + AuditLog.SUFFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name.substring(AuditLog.PREFIX.length(),
                    AuditLog.PREFIX.length() + DATE_LENGTH)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
