package vn.congvu.audit;

import java.nio.file.Path;
import java.util.Set;
import vn.congvu.directory.client.ConfigFiles;

/**
 * {@code config/accounts/audit.properties}: how long audit records are kept. The file holds the default; a key
 * missing, unknown or out of range fails the load with the file and the key named.
 *
 * @param retentionDays days a day's records are kept
 */
public record AuditSettings(int retentionDays) {

    public static final String FILE = "accounts/audit.properties";
    private static final String RETENTION = "retention-days";

    public AuditSettings {
        if (retentionDays < 1) {
            throw new IllegalArgumentException(RETENTION + " must be at least 1, not " + retentionDays);
        }
    }

    public static AuditSettings load() {
        return load(ConfigFiles.resolve(FILE));
    }

    public static AuditSettings load(Path file) {
        String value = ConfigFiles.exactly(file, Set.of(RETENTION)).getProperty(RETENTION);
        try {
            return new AuditSettings(Integer.parseInt(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + RETENTION + "=" + value + " is not a number of days ≥ 1", e);
        }
    }
}
