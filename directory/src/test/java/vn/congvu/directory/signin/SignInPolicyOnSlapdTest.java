package vn.congvu.directory.signin;

import org.junit.jupiter.api.extension.RegisterExtension;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.testing.SlapdPerClass;

/** Debian's slapd loading config/ldap/congvu-schema.ldif; the service account is its root DN. */
class SignInPolicyOnSlapdTest extends SignInPolicyContract {

    @RegisterExtension
    static final SlapdPerClass SLAPD = new SlapdPerClass();

    @Override
    protected DirectorySettings settings() {
        return SLAPD.settings();
    }
}
