package vn.congvu.directory.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.directory.embedded.EmbeddedFixture.LAYOUT;
import static vn.congvu.directory.embedded.EmbeddedFixture.admin;
import static vn.congvu.directory.embedded.EmbeddedFixture.anonymous;
import static vn.congvu.directory.embedded.EmbeddedFixture.person;
import static vn.congvu.directory.embedded.EmbeddedFixture.personDn;
import static vn.congvu.directory.embedded.EmbeddedFixture.saltedSha;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server for the class: these tests only read what they themselves add. */
class AccessAndPasswordTest {

    @RegisterExtension
    static final EmbeddedPerClass EMBEDDED = new EmbeddedPerClass();

    private static ResultCode bind(String dn, String password) {
        try (LDAPConnection c = anonymous(EMBEDDED.directory())) {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void preHashedSaltedShaPasswordsBindAndWrongOnesDoNot() throws Exception {
        try (LDAPConnection c = admin(EMBEDDED.directory())) {
            // OpenLDAP's slappasswd uses a 4-byte salt, our provisioning 8: both must verify.
            c.add(person("ssha4", "Hà Văn Bốn", saltedSha("{SSHA}", "SHA-1", "mật-khẩu-4", 4)));
            c.add(person("ssha8", "Hà Văn Tám", saltedSha("{SSHA}", "SHA-1", "pass-8", 8)));
            c.add(person("ssha256", "Hà Văn Hai", saltedSha("{SSHA256}", "SHA-256", "pass-256", 8)));
            c.add(person("ssha512", "Hà Văn Năm", saltedSha("{SSHA512}", "SHA-512", "pass-512", 16)));
        }
        assertEquals(ResultCode.SUCCESS, bind(personDn("ssha4"), "mật-khẩu-4"));
        assertEquals(ResultCode.SUCCESS, bind(personDn("ssha8"), "pass-8"));
        assertEquals(ResultCode.SUCCESS, bind(personDn("ssha256"), "pass-256"));
        assertEquals(ResultCode.SUCCESS, bind(personDn("ssha512"), "pass-512"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind(personDn("ssha8"), "pass-9"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind(personDn("ssha512"), "pass-256"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind(personDn("nobody"), "pass-8"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind(EMBEDDED.directory().rootDn(), "not-the-admin-password"));
    }

    @Test
    void clearTextPasswordsAreStoredHashed() throws Exception {
        try (LDAPConnection c = admin(EMBEDDED.directory())) {
            c.add(person("clear", "Đỗ Thị Rõ", "rõ-ràng"));
            String stored = c.getEntry(personDn("clear"), "userPassword").getAttributeValue("userPassword");
            assertTrue(stored.startsWith("{SSHA}"), stored);
            assertFalse(stored.contains("rõ-ràng"));
            assertEquals(ResultCode.SUCCESS, bind(personDn("clear"), "rõ-ràng"));

            c.modify(personDn("clear"), new Modification(ModificationType.REPLACE, "userPassword", "mới"));
            String changed = c.getEntry(personDn("clear"), "userPassword").getAttributeValue("userPassword");
            assertTrue(changed.startsWith("{SSHA}"), changed);
            assertNotEquals(stored, changed);
            assertEquals(ResultCode.SUCCESS, bind(personDn("clear"), "mới"));
            assertEquals(ResultCode.INVALID_CREDENTIALS, bind(personDn("clear"), "rõ-ràng"));
        }
    }

    @Test
    void anonymousClientsMayOnlyBind() throws Exception {
        try (LDAPConnection c = anonymous(EMBEDDED.directory())) {
            LDAPException search = assertThrows(LDAPException.class,
                    () -> c.search(EMBEDDED.directory().baseDn(), SearchScope.SUB, "(objectClass=*)"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, search.getResultCode());
            LDAPException read = assertThrows(LDAPException.class,
                    () -> c.search(LAYOUT.groupDn("notice-senders"), SearchScope.BASE, "(objectClass=*)"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, read.getResultCode());
            LDAPException add = assertThrows(LDAPException.class, () -> c.add(person("anon", "Vô Danh", "x")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, add.getResultCode());
        }
        try (LDAPConnection c = admin(EMBEDDED.directory())) {
            assertNull(c.getEntry(personDn("anon")));
        }
    }

    @Test
    void officialsReadWithoutHashesAndCannotWrite() throws Exception {
        try (LDAPConnection c = admin(EMBEDDED.directory())) {
            c.add(person("reader", "Vũ Đọc", "đọc-thôi"));
        }
        try (LDAPConnection c = anonymous(EMBEDDED.directory())) {
            c.bind(personDn("reader"), "đọc-thôi");
            SearchResultEntry self = c.searchForEntry(personDn("reader"), SearchScope.BASE, "(objectClass=*)",
                    "*", "userPassword");
            assertEquals("Vũ Đọc", self.getAttributeValue("cn"));
            assertNull(self.getAttribute("userPassword"), "hashes are never sent to officials");
            SearchResult groups = c.search(LAYOUT.groupsDn(), SearchScope.ONE, "(objectClass=groupOfNames)");
            assertEquals(3, groups.getEntryCount(), "the reserved groups of base.ldif");

            LDAPException filter = assertThrows(LDAPException.class,
                    () -> c.search(LAYOUT.peopleDn(), SearchScope.ONE, "(userPassword={SSHA}*)"));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, filter.getResultCode());
            LDAPException modify = assertThrows(LDAPException.class, () -> c.modify(personDn("reader"),
                    new Modification(ModificationType.REPLACE, "title", "Giám đốc")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, modify.getResultCode());
            LDAPException add = assertThrows(LDAPException.class, () -> c.add(person("sneaky", "Lén", "x")));
            assertEquals(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, add.getResultCode());
        }
    }

    @Test
    void congvuSchemaClassesAreAcceptedAndEnforced() throws Exception {
        try (LDAPConnection c = admin(EMBEDDED.directory())) {
            Entry official = person("schema", "Ngô Lược Đồ", null);
            official.setAttribute("congvuPasswordMustChange", "TRUE");
            c.add(official);
            assertEquals("TRUE", c.getEntry(personDn("schema")).getAttributeValue("congvuPasswordMustChange"));

            Entry group = new Entry(LAYOUT.groupDn("so-noi-vu"));
            group.addAttribute("objectClass", "top", "groupOfNames", "congvuMailGroup");
            group.addAttribute("cn", "so-noi-vu");
            group.addAttribute("mail", LAYOUT.groupMail("so-noi-vu"));
            group.addAttribute("member", personDn("schema"));
            c.add(group);
            assertEquals("so-noi-vu@example.gov.vn", c.getEntry(LAYOUT.groupDn("so-noi-vu")).getAttributeValue("mail"));

            // The schema is enforced, not merely tolerated: no congvuAccount class, no congvu attributes.
            Entry stray = person("stray", "Lạc Lớp", null);
            stray.setAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
            LDAPException e = assertThrows(LDAPException.class, () -> c.add(stray));
            assertEquals(ResultCode.OBJECT_CLASS_VIOLATION, e.getResultCode());
            Entry badStatus = person("badstatus", "Sai Giá Trị", null);
            badStatus.setAttribute("congvuPasswordMustChange", "maybe");
            LDAPException syntax = assertThrows(LDAPException.class, () -> c.add(badStatus));
            assertTrue(syntax.getMessage().contains("congvuPasswordMustChange"), syntax.getMessage());
        }
    }
}
