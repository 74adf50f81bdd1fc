package vn.congvu.directory.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.congvu.directory.client.DirectorySettings;

/**
 * One embedded directory for a whole test class, in a home of its own that is deleted afterwards. Register it as a
 * static field: {@code @RegisterExtension static final EmbeddedPerClass EMBEDDED = new EmbeddedPerClass();}.
 */
final class EmbeddedPerClass implements BeforeAllCallback, AfterAllCallback {

    private Path home;
    private EmbeddedDirectory directory;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("congvu-embedded-");
        directory = EmbeddedFixture.start(home);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            directory.close();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory left behind is no test failure
            }
        }
    }

    EmbeddedDirectory directory() {
        return directory;
    }

    Path home() {
        return home;
    }

    /** The service account's settings, as the mail server, the gateway and the console reach it (CONGVU_HOME). */
    DirectorySettings serviceSettings() {
        return DirectorySettings.fromEnvironment(Map.of(
                "CONGVU_HOME", home.toString(),
                "CONGVU_LDAP_PORT", String.valueOf(directory.port()),
                "CONGVU_DOMAIN", EmbeddedFixture.LAYOUT.domain()));
    }
}
