package vn.congvu.directory.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.DirectoryClient;

/** Base for tests that each want a fresh slapd (only the suffix entry) and a client bound as its root DN. */
public abstract class FreshSlapdTest {

    @TempDir
    protected Path dir;
    protected Slapd slapd;
    protected DirectoryClient client;

    @BeforeEach
    void startSlapd() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), "example.gov.vn");
        client = new DirectoryClient(slapd.settings());
    }

    @AfterEach
    void stopSlapd() throws Exception {
        client.close();
        slapd.close();
    }
}
