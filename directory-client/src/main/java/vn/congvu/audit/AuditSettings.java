package vn.congvu.audit;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
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
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.remove(RETENTION);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(file + ": unknown key(s) " + unknown + "; the key is " + RETENTION);
        }
        String value = p.getProperty(RETENTION);
        if (value == null) {
            throw new IllegalStateException(file + ": missing " + RETENTION);
        }
        try {
            return new AuditSettings(Integer.parseInt(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + RETENTION + "=" + value + " is not a number of days ≥ 1", e);
        }
    }
}
