package vn.congvu.directory.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.directory.embedded.EmbeddedFixture.LAYOUT;
import static vn.congvu.directory.embedded.EmbeddedFixture.admin;
import static vn.congvu.directory.embedded.EmbeddedFixture.person;
import static vn.congvu.directory.embedded.EmbeddedFixture.personDn;
import static vn.congvu.directory.embedded.EmbeddedFixture.saltedSha;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.AuthResult;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.model.Official;

/** The ldaptive client of every other module, configured the way the default run configures it. */
class DirectoryClientAgainstEmbeddedTest {

    @Test
    void clientFindsTheAdminPasswordResolvesGroupsAndAuthenticates(@TempDir Path home) throws Exception {
        try (EmbeddedDirectory d = EmbeddedFixture.start(home)) {
            try (LDAPConnection c = admin(d)) {
                c.add(person("an", "Nguyễn Văn An", saltedSha("{SSHA}", "SHA-1", "an-secret", 8)));
                c.add(person("binh", "Trần Thị Bình", saltedSha("{SSHA}", "SHA-1", "binh-secret", 4)));
                c.modify(LAYOUT.groupDn("directive-issuers"),
                        new Modification(ModificationType.ADD, "member", personDn("an"), personDn("binh")));
            }
            // No CONGVU_LDAP_URL: the client reads the admin password the server wrote under CONGVU_HOME.
            DirectorySettings settings = DirectorySettings.fromEnvironment(Map.of(
                    "CONGVU_HOME", home.toString(),
                    "CONGVU_LDAP_PORT", String.valueOf(d.port()),
                    "CONGVU_DOMAIN", LAYOUT.domain()));
            try (DirectoryClient client = new DirectoryClient(settings)) {
                assertEquals("directive-issuers@example.gov.vn",
                        client.findGroup("directive-issuers").orElseThrow().mail());
                List<String> members = client.resolveGroup("directive-issuers").stream().map(Official::uid)
                        .sorted().toList();
                assertEquals(List.of("an", "binh"), members);
                assertTrue(client.isMember("binh", "directive-issuers"));

                AuthResult ok = client.authenticate("an@example.gov.vn", "an-secret");
                assertEquals(AuthResult.Outcome.OK, ok.outcome());
                assertEquals("Nguyễn Văn An", ok.official().fullName());
                assertEquals(AuthResult.Outcome.OK, client.authenticate("binh", "binh-secret").outcome());
                assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("an", "binh-secret").outcome());
            }
        }
    }
}
