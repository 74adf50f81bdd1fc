package vn.congvu.directory.embedded;

import static vn.congvu.directory.embedded.EmbeddedFixture.LAYOUT;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.signin.ResetCodesContract;

/** The embedded directory of the default run, with its access policy, reached as the console reaches it. */
class ResetCodesOnEmbeddedTest extends ResetCodesContract {

    @RegisterExtension
    static final EmbeddedPerClass EMBEDDED = new EmbeddedPerClass();

    @Override
    protected DirectorySettings settings() {
        return DirectorySettings.fromEnvironment(Map.of(
                "CONGVU_HOME", EMBEDDED.home().toString(),
                "CONGVU_LDAP_PORT", String.valueOf(EMBEDDED.directory().port()),
                "CONGVU_DOMAIN", LAYOUT.domain()));
    }
}
