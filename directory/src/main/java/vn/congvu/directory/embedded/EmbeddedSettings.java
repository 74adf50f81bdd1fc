package vn.congvu.directory.embedded;

import java.nio.file.Path;
import java.util.Map;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.model.DirectoryLayout;

/**
 * What the embedded directory needs to start.
 *
 * @param port                  LDAP port on loopback; 0 picks a free one (tests)
 * @param home                  the CongVu data directory; the server keeps its files in {@code home/directory}
 * @param schemaFile            {@code config/ldap/congvu-schema.ldif} (OpenLDAP cn=config form)
 * @param baseTreeFile          {@code config/ldap/base.ldif}, seeded into a fresh directory
 * @param minCompactionRecords  the journal is folded into a new snapshot after this many records, or after as many
 *                              records as the snapshot has entries if that is more (amortised O(1) per change)
 */
public record EmbeddedSettings(
        int port,
        DirectoryLayout layout,
        Path home,
        Path schemaFile,
        Path baseTreeFile,
        int minCompactionRecords) {

    /** Loopback only: the embedded directory serves the processes of this machine. */
    public static final String LISTEN_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_MIN_COMPACTION_RECORDS = 50_000;

    /** From {@code CONGVU_LDAP_PORT} (else {@code config/ldap/embedded.properties}), {@code CONGVU_DOMAIN}, {@code CONGVU_HOME} and the config directory. */
    public static EmbeddedSettings fromEnvironment(Map<String, String> env) {
        DirectoryLayout layout = DirectoryLayout.forDomain(env.getOrDefault("CONGVU_DOMAIN", "example.gov.vn"));
        return new EmbeddedSettings(DirectorySettings.embeddedPort(env), layout, DirectorySettings.dataHome(env),
                ConfigFiles.resolve("ldap/congvu-schema.ldif"), ConfigFiles.resolve("ldap/base.ldif"),
                DEFAULT_MIN_COMPACTION_RECORDS);
    }

    public EmbeddedSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("LDAP port out of range: " + port);
        }
        home = home.toAbsolutePath();
    }

    /** Snapshot, journal and lock file. */
    public Path dataDir() {
        return home.resolve("directory");
    }

    /** Where clients find the root DN's password when {@code CONGVU_LDAP_URL} is unset. */
    public Path passwordFile() {
        return home.resolve(DirectorySettings.EMBEDDED_PASSWORD_FILE);
    }

    /** The same default service DN {@link DirectorySettings} binds as. */
    public String rootDn() {
        return "cn=admin," + layout.baseDn();
    }

    public EmbeddedSettings withPort(int newPort) {
        return new EmbeddedSettings(newPort, layout, home, schemaFile, baseTreeFile, minCompactionRecords);
    }

    public EmbeddedSettings withMinCompactionRecords(int records) {
        return new EmbeddedSettings(port, layout, home, schemaFile, baseTreeFile, records);
    }
}
