package vn.congvu.directory.signin;

import org.junit.jupiter.api.extension.RegisterExtension;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.testing.SlapdPerClass;

/** Debian's slapd with local-slapd.sh's ACL; the service account is its root DN. */
class SecondFactorOnSlapdTest extends SecondFactorContract {

    @RegisterExtension
    static final SlapdPerClass SLAPD = new SlapdPerClass();

    @Override
    protected DirectorySettings settings() {
        return SLAPD.settings();
    }
}
