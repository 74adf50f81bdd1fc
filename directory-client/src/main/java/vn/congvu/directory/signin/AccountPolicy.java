package vn.congvu.directory.signin;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import vn.congvu.directory.client.ConfigFiles;

/**
 * The sign-in policy of {@code config/accounts/policy.properties}. The file holds every default: a key missing,
 * unknown or with a value out of range fails the load with the file and the key named.
 *
 * @param lockoutAttempts  failed sign-ins in a row that lock the account
 * @param lockoutDuration  how long a lock lasts
 * @param minLength        a chosen password's minimum length
 * @param classes          how many of the four character classes it needs
 * @param history          how many earlier passwords a new one may not repeat
 * @param maxAge           how long a password stays valid; {@link Duration#ZERO} for ever
 * @param resetCodeValidity how long a reset code sent by SMS stays valid
 * @param resetCodeTries   wrong tries a reset code allows before it is void
 * @param resetCodesPerHour reset codes an account may be sent in any hour
 * @param consoleUrl       where officials change their password
 */
public record AccountPolicy(int lockoutAttempts, Duration lockoutDuration, int minLength, int classes, int history,
        Duration maxAge, Duration resetCodeValidity, int resetCodeTries, int resetCodesPerHour, String consoleUrl) {

    public static final String FILE = "accounts/policy.properties";
    private static final Set<String> KEYS = Set.of("lockout.attempts", "lockout.minutes", "password.min-length",
            "password.classes", "password.history", "password.max-age-days", "reset-code.minutes", "reset-code.tries", "reset-code.per-hour",
            "console.url");

    /** The policy file of the configuration directory ({@link ConfigFiles}). */
    public static AccountPolicy load() {
        return load(ConfigFiles.resolve(FILE));
    }

    public static AccountPolicy load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the sign-in policy " + file + ": " + e.getMessage(), e);
        }
        return from(p, file.toString());
    }

    /** The policy from already-read properties; {@code source} names them in errors. */
    public static AccountPolicy from(Properties p, String source) {
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(source + ": unknown key(s) " + unknown + "; the keys are "
                    + new TreeSet<>(KEYS));
        }
        Values v = new Values(p, source);
        return new AccountPolicy(
                v.integer("lockout.attempts", 1, 1000),
                Duration.ofMinutes(v.integer("lockout.minutes", 1, 7 * 24 * 60)),
                v.integer("password.min-length", 1, 128),
                v.integer("password.classes", 1, 4),
                v.integer("password.history", 0, 50),
                Duration.ofDays(v.integer("password.max-age-days", 0, 3650)),
                Duration.ofMinutes(v.integer("reset-code.minutes", 1, 24 * 60)),
                v.integer("reset-code.tries", 1, 20),
                v.integer("reset-code.per-hour", 1, 60),
                v.url("console.url"));
    }

    /** Whether passwords expire. */
    public boolean passwordsExpire() {
        return !maxAge.isZero();
    }

    private record Values(Properties p, String source) {

        String text(String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(source + ": " + key + " is missing; every key of the policy "
                        + "must be set in the file (config/" + FILE + " has them all, commented)");
            }
            return value.strip();
        }

        int integer(String key, int min, int max) {
            String value = text(key);
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(source + ": " + key + "=" + value + " is not a whole number");
            }
            if (n < min || n > max) {
                throw new IllegalStateException(source + ": " + key + "=" + value + " is out of range ("
                        + min + " to " + max + ")");
            }
            return n;
        }

        String url(String key) {
            String value = text(key);
            try {
                URI uri = new URI(value);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new IllegalStateException(source + ": " + key + "=" + value + " is not an http(s) address");
        }
    }
}
