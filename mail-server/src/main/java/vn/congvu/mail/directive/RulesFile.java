package vn.congvu.mail.directive;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.mail.locations.MailServerLocations;

/**
 * The directive rules file, read again when it changes (checked on each use: one stat per mail). A change
 * that does not parse is logged once and the rules in force stay; the first read must succeed, so a broken
 * file stops the mail server at start rather than silently disabling alerts.
 */
public final class RulesFile {
    private static final Logger LOGGER = LoggerFactory.getLogger(RulesFile.class);
    static final String FILE_NAME = "directive-alerts.properties";

    private final Path path;
    private DirectiveRules rules;
    private FileTime loadedVersion;
    private FileTime refusedVersion;

    public RulesFile(Path path) {
        this.path = path;
        this.loadedVersion = modified();
        this.rules = load();
        LOGGER.info("Directive rules from {}: issuers {}, tags {}, levels {}, quiet window {}, gateway {}", path,
            rules.issuersGroup(), rules.directiveTags(), rules.levels().stream().map(UrgencyLevel::name).toList(),
            rules.quietWindow(), rules.gatewayUrl());
    }

    /** CONGVU_DIRECTIVE_RULES, else rules/ next to the James configuration directory (config/rules/). */
    public static Path locate(Map<String, String> environment) {
        String configured = environment.get("CONGVU_DIRECTIVE_RULES");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path james = MailServerLocations.from(environment).configurationDirectory();
        return james.resolveSibling("rules").resolve(FILE_NAME);
    }

    public synchronized DirectiveRules current() {
        FileTime version = modified();
        if (!version.equals(loadedVersion) && !version.equals(refusedVersion)) {
            try {
                rules = load();
                loadedVersion = version;
                LOGGER.info("Directive rules reloaded from {}", path);
            } catch (RuntimeException e) {
                refusedVersion = version;
                LOGGER.error("Directive rules in {} not applied, the previous ones stay: {}", path, e.getMessage());
            }
        }
        return rules;
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private DirectiveRules load() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the directive rules " + path + ": " + e, e);
        }
        try {
            return DirectiveRules.parse(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Bad directive rules in " + path + ": " + e.getMessage(), e);
        }
    }
}
