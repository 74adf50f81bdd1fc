package vn.congvu.directory.signin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.testing.Slapd;

/** Debian's slapd with local-slapd.sh's ACL; the service account is its root DN. */
class ResetCodesOnSlapdTest extends ResetCodesContract {

    @TempDir
    static Path dir;
    private static Slapd slapd;

    @BeforeAll
    static void start() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), "example.gov.vn");
    }

    @AfterAll
    static void stop() throws Exception {
        slapd.close();
    }

    @Override
    protected DirectorySettings settings() {
        return slapd.settings();
    }
}
