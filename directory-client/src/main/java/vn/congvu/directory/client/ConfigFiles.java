package vn.congvu.directory.client;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the operator-editable {@code config/} directory: {@code CONGVU_CONFIG} or the {@code congvu.config} system
 * property when set (the launcher sets it), else the nearest {@code config/} above the working directory.
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static Path dir() {
        String configured = System.getProperty("congvu.config", System.getenv("CONGVU_CONFIG"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/ldap"))) {
                return p.resolve("config");
            }
        }
        throw new IllegalStateException("config directory not found: set CONGVU_CONFIG to the CongVu config/ folder");
    }

    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing configuration file " + p);
        }
        return p;
    }
}
