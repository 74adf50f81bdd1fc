package vn.congvu.directory.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The embedded directory's port comes from CONGVU_LDAP_PORT, else from the one line of config/ that writes it. */
class EmbeddedPortTest {

    @Test
    void theVariableWins() {
        assertEquals(3389, DirectorySettings.embeddedPort(Map.of("CONGVU_LDAP_PORT", " 3389 ")));
    }

    @Test
    void withoutItTheDefaultIsTheConfigFilesAndTheClientsUrlUsesIt() throws Exception {
        String file = Files.readString(ConfigFiles.resolve(DirectorySettings.EMBEDDED_PORT_FILE), StandardCharsets.UTF_8);
        Matcher written = Pattern.compile("\\$\\{env:CONGVU_LDAP_PORT:-(\\d+)}").matcher(file);
        assertEquals(true, written.find(), file);
        int port = Integer.parseInt(written.group(1));
        assertEquals(port, DirectorySettings.embeddedPort(Map.of()));
        DirectorySettings settings = DirectorySettings.fromEnvironment(Map.of("CONGVU_LDAP_BIND_PASSWORD", "x"));
        assertEquals("ldap://127.0.0.1:" + port, settings.urls().get(0));
    }

    @Test
    void aWordIsRefusedWithTheVariablesName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DirectorySettings.embeddedPort(Map.of("CONGVU_LDAP_PORT", "ldap")));
        assertEquals("CONGVU_LDAP_PORT is not a port number: 'ldap'", refused.getMessage());
    }
}
