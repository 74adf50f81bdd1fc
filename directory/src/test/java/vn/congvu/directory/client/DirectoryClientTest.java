package vn.congvu.directory.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.password.InitialPassword;
import vn.congvu.directory.testing.Slapd;

/** The ldaptive client against a real slapd loaded with LDIF written by hand (not by our provisioning). */
class DirectoryClientTest {

    static final String BASE = "dc=example,dc=gov,dc=vn";
    static final String PASSWORD = "Mật-khẩu-đúng-1";

    @TempDir
    static Path dir;
    static Slapd slapd;
    static DirectoryClient client;

    @BeforeAll
    static void load() throws Exception {
        slapd = Slapd.start(dir.resolve("slapd"), "example.gov.vn");
        String hash = new InitialPassword().hash(PASSWORD);
        StringBuilder ldif = new StringBuilder();
        ldif.append(ou("people", BASE)).append(ou("groups", BASE)).append(ou("units", BASE))
                .append(ou("TINH", "ou=units," + BASE)).append(ou("SO-YTE", "ou=TINH,ou=units," + BASE))
                .append(ou("PHONG-KHTC", "ou=SO-YTE,ou=TINH,ou=units," + BASE))
                .append(ou("HUYEN-A", "ou=TINH,ou=units," + BASE));
        ldif.append(person("an", "Nguyễn Văn An", "84912345678", "SO-YTE", "active", hash));
        ldif.append(person("binh", "Trần Thị Bình", "84983456789", "PHONG-KHTC", "active", hash));
        ldif.append(person("cuong", "Lê Văn Cường", null, "HUYEN-A", "active", hash));
        ldif.append(person("dung", "Phạm Dũng", "84862345678", "HUYEN-A", "disabled", hash));
        // nested groups with a cycle: lanh-dao ⊃ van-phong ⊃ lanh-dao
        ldif.append(group("lanh-dao", "uid=an,ou=people," + BASE, "cn=van-phong,ou=groups," + BASE));
        ldif.append(group("van-phong", "uid=binh,ou=people," + BASE, "cn=lanh-dao,ou=groups," + BASE,
                "cn=van-phong,ou=groups," + BASE));
        ldif.append(group("notice-senders", "uid=cuong,ou=people," + BASE));
        Path file = dir.resolve("data.ldif");
        Files.writeString(file, ldif.toString(), StandardCharsets.UTF_8);
        slapd.ldap("ldapadd", "-f", file.toString());
        client = new DirectoryClient(slapd.settings(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        slapd.close();
    }

    static String ou(String name, String parent) {
        return "dn: ou=" + name + "," + parent + "\nobjectClass: organizationalUnit\nou: " + name + "\n\n";
    }

    static String person(String uid, String cn, String mobile, String unit, String status, String hash) {
        String[] words = cn.split(" ");
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\n"
                + "uid: " + uid + "\ncn: " + cn + "\nsn: " + words[0] + "\nmail: " + uid + "@example.gov.vn\n"
                + (mobile == null ? "" : "mobile: " + mobile + "\n") + "ou: " + unit + "\n"
                + "userPassword: " + hash + "\ncongvuAccountStatus: " + status + "\n\n";
    }

    static String group(String cn, String... members) {
        StringBuilder b = new StringBuilder("dn: cn=" + cn + ",ou=groups," + BASE
                + "\nobjectClass: groupOfNames\nobjectClass: congvuMailGroup\ncn: " + cn + "\nmail: " + cn + "@example.gov.vn\n");
        for (String m : members) {
            b.append("member: ").append(m).append('\n');
        }
        return b.append('\n').toString();
    }

    static Set<String> uids(List<Official> officials) {
        return officials.stream().map(Official::uid).collect(Collectors.toSet());
    }

    @Test
    void findsOfficialsByUidMailAndLogin() {
        Official an = client.findByUid("an").orElseThrow();
        assertEquals("Nguyễn Văn An", an.fullName());
        assertEquals("84912345678", an.mobile());
        assertEquals("an", client.findByMail("an@example.gov.vn").orElseThrow().uid());
        assertEquals("an", client.findByLogin("an@example.gov.vn").orElseThrow().uid());
        assertEquals("an", client.findByLogin("an").orElseThrow().uid());
        assertTrue(client.findByUid("nobody").isEmpty());
    }

    @Test
    void filterInjectionFindsNothing() {
        assertTrue(client.findByUid("*").isEmpty());
        assertTrue(client.findByUid("*)(uid=*").isEmpty());
        assertTrue(client.findByMail("*)(mail=*").isEmpty());
        assertTrue(client.findByLogin("*)(|(uid=*)").isEmpty());
        assertTrue(client.resolveGroup("*").isEmpty());
        assertTrue(client.resolveUnit("*)(ou=*", true).isEmpty());
        assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("*", PASSWORD).outcome());
        assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("an*", PASSWORD).outcome());
        assertTrue(client.searchOfficials("*)(uid=*", 10).isEmpty());
        assertEquals(Set.of("an"), uids(client.searchOfficials("Văn An", 10)));
    }

    @Test
    void nestedGroupsResolveWithoutLooping() {
        assertEquals(Set.of("an", "binh"), uids(client.resolveGroup("lanh-dao")));
        assertEquals(Set.of("an", "binh"), uids(client.resolveGroup("van-phong")));
        assertTrue(client.isMember("binh", "lanh-dao"), "member through the nested group");
        assertFalse(client.isMember("cuong", "lanh-dao"));
        assertTrue(client.isMember("cuong", "notice-senders"));
        assertEquals("van-phong", client.findGroupByMail("van-phong@example.gov.vn").orElseThrow().name());
    }

    @Test
    void unitsResolveWithOrWithoutSubUnits() {
        assertEquals(Set.of("an"), uids(client.resolveUnit("SO-YTE", false)));
        assertEquals(Set.of("an", "binh"), uids(client.resolveUnit("SO-YTE", true)));
        assertEquals(Set.of("an", "binh", "cuong", "dung"), uids(client.resolveUnit("TINH", true)));
        assertEquals("SO-YTE", client.findUnit("PHONG-KHTC").orElseThrow().parentCode());
        assertTrue(client.resolveUnit("NO-SUCH", true).isEmpty());
    }

    @Test
    void authenticatesByBind() {
        AuthResult ok = client.authenticate("an@example.gov.vn", PASSWORD);
        assertTrue(ok.ok());
        assertEquals("an", ok.official().uid());
        assertTrue(client.authenticate("binh", PASSWORD).ok(), "the bare uid works too");
        assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("an@example.gov.vn", "wrong").outcome());
        assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("an@example.gov.vn", "").outcome(),
                "an empty password must not become an anonymous bind");
        assertEquals(AuthResult.Outcome.BAD_CREDENTIALS, client.authenticate("ghost@example.gov.vn", PASSWORD).outcome());
        assertEquals(AuthResult.Outcome.DISABLED, client.authenticate("dung@example.gov.vn", PASSWORD).outcome());
    }

    @Test
    void directoryGoingAwayIsATemporaryFailureAndTheClientRecovers() throws Exception {
        assertTrue(client.authenticate("an", PASSWORD).ok());
        slapd.stop();
        try {
            assertEquals(AuthResult.Outcome.UNAVAILABLE, client.authenticate("an", PASSWORD).outcome());
            org.junit.jupiter.api.Assertions.assertThrows(DirectoryUnavailableException.class, () -> client.findByUid("an"));
        } finally {
            slapd.startAgain();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        AuthResult r;
        do {
            r = client.authenticate("an", PASSWORD);
        } while (!r.ok() && System.nanoTime() < deadline);
        assertTrue(r.ok(), "no recovery: " + r);
        assertEquals("an", client.findByUid("an").orElseThrow().uid());
    }

    @Test
    void failsOverToTheNextUrl() {
        DirectorySettings s = slapd.settings(Duration.ofSeconds(2));
        try (DirectoryClient twoHosts = new DirectoryClient(s.withUrls(List.of("ldap://127.0.0.1:1", slapd.url())))) {
            assertEquals("an", twoHosts.findByUid("an").orElseThrow().uid());
            assertTrue(twoHosts.authenticate("an", PASSWORD).ok());
        }
    }
}
