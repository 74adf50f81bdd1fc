package vn.congvu.directory.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import vn.congvu.directory.client.DirectorySettings;

/**
 * One Debian slapd (local-slapd.sh's ACL, example.gov.vn) for a whole test class; the service account is its root
 * DN. Register it as a static field: {@code @RegisterExtension static final SlapdPerClass SLAPD = new SlapdPerClass();}.
 */
public final class SlapdPerClass implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private Slapd slapd;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("congvu-slapd-");
        slapd = Slapd.start(dir.resolve("slapd"), "example.gov.vn");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            slapd.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temporary directory left behind is no test failure
            }
        }
    }

    public DirectorySettings settings() {
        return slapd.settings();
    }

    public Slapd slapd() {
        return slapd;
    }
}
