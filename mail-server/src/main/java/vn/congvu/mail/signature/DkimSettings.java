package vn.congvu.mail.signature;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;

import vn.congvu.mail.locations.MailServerLocations;

/**
 * The DKIM settings of config/james/dkim.properties (selector, key file, signed headers), read the same way by the
 * server and by {@code ./congvu dkim}; every default is written there, none here.
 */
public record DkimSettings(String selector, Path keyFile, List<String> signedHeaders) {
    static final String FILE = "dkim.properties";

    public static DkimSettings load(MailServerLocations locations) {
        Path file = locations.configurationDirectory().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + file + ": the DKIM settings are missing from the configuration");
        }
        try {
            Configuration properties = new Configurations().properties(file.toFile());
            String selector = required(properties, "selector", file);
            Path key = Path.of(required(properties, "key", file));
            List<String> headers = Arrays.stream(required(properties, "headers", file).split(":"))
                .map(String::trim).filter(name -> !name.isEmpty()).toList();
            return new DkimSettings(selector, locations.workingDirectory().resolve(key).normalize(), headers);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Unreadable " + file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Configuration properties, String key, Path file) {
        String value = properties.getString(key, "").trim();
        if (value.isEmpty()) {
            throw new IllegalStateException(file + " has no " + key);
        }
        return value;
    }
}
