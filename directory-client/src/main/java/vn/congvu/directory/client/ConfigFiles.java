package vn.congvu.directory.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * A properties file (UTF-8) that must hold exactly {@code keys}: an unknown key (a typo) or a missing one fails
     * with the file and the keys named, so each default is written in the file and nowhere else.
     */
    public static Properties exactly(Path file, Set<String> keys) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(keys);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(file + ": unknown key(s) " + unknown + "; the keys are " + new TreeSet<>(keys));
        }
        Set<String> missing = new TreeSet<>(keys);
        missing.removeAll(p.stringPropertyNames());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + ": missing " + String.join(", ", missing));
        }
        return p;
    }

    public static Path resolve(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing configuration file " + p);
        }
        return p;
    }
}
