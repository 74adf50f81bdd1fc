package vn.congvu.directory.embedded;

import org.junit.jupiter.api.extension.RegisterExtension;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.signin.SecondFactorContract;

/** The embedded directory of the default run, with its access policy, reached as the console reaches it. */
class SecondFactorOnEmbeddedTest extends SecondFactorContract {

    @RegisterExtension
    static final EmbeddedPerClass EMBEDDED = new EmbeddedPerClass();

    @Override
    protected DirectorySettings settings() {
        return EMBEDDED.serviceSettings();
    }
}
