package vn.congvu.directory.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.directory.embedded.EmbeddedFixture.admin;
import static vn.congvu.directory.embedded.EmbeddedFixture.anonymous;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.password.SaltedSha;
import vn.congvu.directory.signin.SignInDecision;
import vn.congvu.directory.signin.SignInPolicyContract;

/**
 * The embedded directory of the default run, reached as the mail server and the gateway reach it (admin password
 * from CONGVU_HOME); and what an official bound as themselves may change of their entry: their password only.
 */
class SignInPolicyOnEmbeddedTest extends SignInPolicyContract {

    @RegisterExtension
    static final EmbeddedPerClass EMBEDDED = new EmbeddedPerClass();

    @Override
    protected DirectorySettings settings() {
        return EMBEDDED.serviceSettings();
    }

    private static ResultCode passwordModify(LDAPConnection c, String userIdentity, String oldPassword,
            String newPassword) throws LDAPException {
        return c.processExtendedOperation(new PasswordModifyExtendedRequest(userIdentity, oldPassword, newPassword))
                .getResultCode();
    }

    @Test
    void anOfficialChangesTheirOwnPasswordAndNothingElse() throws Exception {
        String dn = addOfficial("quang.vm", "Vũ Minh Quang", INITIAL, true);
        String other = addOfficial("yen.hn", "Hoàng Ngọc Yến", "Yến-2026-xin-chào", false);
        try (LDAPConnection official = anonymous(EMBEDDED.directory())) {
            official.bind(dn, INITIAL);
            LDAPException mail = assertThrows(LDAPException.class, () -> official.modify(dn,
                    new Modification(ModificationType.REPLACE, "mail", "gia-mao@example.gov.vn")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, mail.getResultCode());
            LDAPException flag = assertThrows(LDAPException.class, () -> official.modify(dn,
                    new Modification(ModificationType.DELETE, "congvuPasswordMustChange")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, flag.getResultCode());
            // another official's password, even knowing it; their own without the current one
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    passwordModify(official, other, "Yến-2026-xin-chào", "Chiếm-quyền-2026"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    passwordModify(official, "u:yen.hn", "Yến-2026-xin-chào", "Chiếm-quyền-2026"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    passwordModify(official, dn, null, "Không-cần-cũ-2026"));
            assertEquals(ResultCode.INVALID_CREDENTIALS,
                    passwordModify(official, dn, "không-phải-nó", "Đoán-mò-2026"));
            assertEquals(ResultCode.SUCCESS, passwordModify(official, "dn:" + dn, INITIAL, "Tự-đổi-2026"));
        }
        assertEquals(SignInDecision.ALLOWED, policy.signIn("yen.hn", "Yến-2026-xin-chào", "127.0.0.1").decision());
        try (LDAPConnection root = admin(EMBEDDED.directory())) {
            assertEquals("quang.vm@example.gov.vn", root.getEntry(dn).getAttributeValue("mail"));
            String stored = root.getEntry(dn, "userPassword").getAttributeValue("userPassword");
            assertTrue(stored.startsWith("{SSHA}") && SaltedSha.verify("Tự-đổi-2026", stored), stored);
        }
    }

    @Test
    void aChangedPasswordOutlivesARestart(@TempDir Path otherHome) throws Exception {
        try (EmbeddedDirectory d = EmbeddedFixture.start(otherHome)) {
            try (LDAPConnection root = admin(d)) {
                root.add(EmbeddedFixture.person("mai.lt", "Lý Thị Mai", SaltedSha.SSHA.hash(INITIAL)));
            }
            try (LDAPConnection official = anonymous(d)) {
                official.bind(EmbeddedFixture.personDn("mai.lt"), INITIAL);
                assertEquals(ResultCode.SUCCESS, passwordModify(official, null, INITIAL, "Hoa-mai-2026"));
            }
        }
        try (EmbeddedDirectory d = EmbeddedFixture.start(otherHome); LDAPConnection c = anonymous(d)) {
            assertEquals(ResultCode.SUCCESS, c.bind(EmbeddedFixture.personDn("mai.lt"), "Hoa-mai-2026")
                    .getResultCode());
        }
    }
}
