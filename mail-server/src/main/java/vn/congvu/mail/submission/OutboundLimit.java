package vn.congvu.mail.submission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import vn.congvu.directory.client.ConfigFiles;

/**
 * {@code config/james/outbound-limits.properties}: how many recipients outside the local and peer domains an
 * account may send to within a window. A key missing, unknown or out of range stops the start, named.
 *
 * @param recipients more than this many within {@code window} blocks the account's external mail
 * @param window     the sliding window
 */
public record OutboundLimit(int recipients, Duration window) {
    public static final String FILE = "outbound-limits.properties";
    private static final Set<String> KEYS = Set.of("recipients", "window-minutes");

    public static OutboundLimit load(Path file) {
        Properties p = ConfigFiles.exactly(file, KEYS);
        return new OutboundLimit(positive(p, "recipients", file), Duration.ofMinutes(positive(p, "window-minutes", file)));
    }

    private static int positive(Properties p, String key, Path file) {
        try {
            int value = Integer.parseInt(p.getProperty(key).strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(file + ": " + key + "=" + p.getProperty(key) + " is not a whole number above 0");
    }
}
