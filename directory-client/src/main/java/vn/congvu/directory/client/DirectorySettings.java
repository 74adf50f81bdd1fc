package vn.congvu.directory.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.congvu.directory.model.DirectoryLayout;

/**
 * How to reach the directory.
 *
 * @param urls        one or more LDAP URLs, tried in order (failover)
 * @param bindDn      service account used for searches and provisioning
 * @param bindPassword its password (never logged: see {@link #toString()})
 */
public record DirectorySettings(
        List<String> urls,
        String bindDn,
        String bindPassword,
        DirectoryLayout layout,
        Duration connectTimeout,
        Duration responseTimeout,
        int poolSize) {

    /** Where the embedded directory's port is written, under the config directory. */
    public static final String EMBEDDED_PORT_FILE = "ldap/embedded.properties";
    /** File under the data directory holding the embedded directory's admin password. */
    public static final String EMBEDDED_PASSWORD_FILE = "directory/admin.password";

    public DirectorySettings {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one LDAP URL is needed");
        }
        urls = List.copyOf(urls);
    }

    /**
     * Settings from the environment variables of DESIGN.md. Without {@code CONGVU_LDAP_URL} this is the embedded
     * directory of the default run, whose admin password the embedded server wrote under {@code CONGVU_HOME}.
     */
    public static DirectorySettings fromEnvironment(Map<String, String> env) {
        DirectoryLayout layout = DirectoryLayout.forDomain(env.getOrDefault("CONGVU_DOMAIN", "example.gov.vn"));
        String url = env.get("CONGVU_LDAP_URL");
        String bindDn = env.getOrDefault("CONGVU_LDAP_BIND_DN", "cn=admin," + layout.baseDn());
        String password = env.get("CONGVU_LDAP_BIND_PASSWORD");
        List<String> urls;
        if (url == null || url.isBlank()) {
            urls = List.of("ldap://127.0.0.1:" + embeddedPort(env));
            if (password == null) {
                password = readEmbeddedPassword(dataHome(env));
            }
        } else {
            urls = Arrays.stream(url.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        }
        if (password == null) {
            throw new IllegalStateException("CONGVU_LDAP_URL is set but CONGVU_LDAP_BIND_PASSWORD is not: "
                    + "set the service account's password (and CONGVU_LDAP_BIND_DN if it is not " + bindDn + ")");
        }
        int pool = Integer.parseInt(env.getOrDefault("CONGVU_LDAP_POOL_SIZE", "8"));
        return new DirectorySettings(urls, bindDn, password, layout,
                Duration.ofSeconds(5), Duration.ofSeconds(10), pool);
    }

    public static DirectorySettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The embedded directory's port: {@code CONGVU_LDAP_PORT} when set, else the default that
     * {@code config/ldap/embedded.properties} writes ({@code ${env:CONGVU_LDAP_PORT:-N}}), the one place it is kept.
     */
    public static int embeddedPort(Map<String, String> env) {
        String text = env.get("CONGVU_LDAP_PORT");
        if (text == null || text.isBlank()) {
            Path file = ConfigFiles.resolve(EMBEDDED_PORT_FILE);
            Matcher written;
            try {
                written = Pattern.compile("(?m)^port=\\$\\{env:CONGVU_LDAP_PORT:-(\\d+)}\\s*$")
                        .matcher(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            if (!written.find()) {
                throw new IllegalStateException(file + " must say port=${env:CONGVU_LDAP_PORT:-N}");
            }
            text = written.group(1);
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CONGVU_LDAP_PORT is not a port number: '" + text + "'");
        }
    }

    public static Path dataHome(Map<String, String> env) {
        return Path.of(env.getOrDefault("CONGVU_HOME", "data")).toAbsolutePath();
    }

    private static String readEmbeddedPassword(Path home) {
        Path file = home.resolve(EMBEDDED_PASSWORD_FILE);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no CONGVU_LDAP_URL and no embedded directory password at " + file
                    + ": start the embedded directory first (./congvu up) or set CONGVU_LDAP_URL, "
                    + "CONGVU_LDAP_BIND_DN and CONGVU_LDAP_BIND_PASSWORD", e);
        }
    }

    public DirectorySettings withUrls(List<String> newUrls) {
        return new DirectorySettings(newUrls, bindDn, bindPassword, layout, connectTimeout, responseTimeout, poolSize);
    }

    @Override
    public String toString() {
        return "DirectorySettings[urls=" + urls + ", bindDn=" + bindDn + ", base=" + layout.baseDn()
                + ", pool=" + poolSize + "]";
    }
}
