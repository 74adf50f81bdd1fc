package vn.congvu.directory.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.password.InitialPassword;
import vn.congvu.directory.testing.FreshSlapdTest;

/** What happens when the directory changes between planning and applying: failures stay per row, never half-applied. */
class PlanApplierTest extends FreshSlapdTest {


    private ImportPlan plan(String csv) throws Exception {
        return planFile("uid,full_name,mail,mobile,unit,title,groups\n" + csv);
    }

    private ImportPlan planFile(String content) throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new ImportPlanner(client.layout()).plan(PersonnelFileReader.read(file), DirectorySnapshot.read(client));
    }

    private Map<String, String> hashes(ImportPlan plan) {
        InitialPassword p = new InitialPassword();
        Map<String, String> h = new HashMap<>();
        plan.rows().forEach(r -> h.put(r.record().uid(), p.hash(p.generate())));
        return h;
    }

    private void ldapadd(String ldif) throws Exception {
        Path f = dir.resolve("extra.ldif");
        Files.writeString(f, ldif, StandardCharsets.UTF_8);
        slapd.ldap("ldapadd", "-f", f.toString());
    }

    @Test
    void entryCreatedMeanwhileFailsOnlyItsRow() throws Exception {
        ImportPlan plan = plan("a1,Người Một,a1@example.gov.vn,,,,\na2,Người Hai,a2@example.gov.vn,,,,\n");
        BaseTree.load(client.layout()).ensure(client.connectionFactory());
        ldapadd("dn: uid=a2,ou=people,dc=example,dc=gov,dc=vn\nobjectClass: inetOrgPerson\nuid: a2\ncn: Khác\nsn: Khác\n\n");

        List<RowOutcome> outcomes = new PlanApplier(client).apply(plan, hashes(plan), n -> { });
        RowOutcome a1 = outcomes.stream().filter(o -> o.row().record().uid().equals("a1")).findFirst().orElseThrow();
        RowOutcome a2 = outcomes.stream().filter(o -> o.row().record().uid().equals("a2")).findFirst().orElseThrow();
        assertTrue(a1.ok());
        assertFalse(a2.ok());
        assertTrue(a2.error().contains("already exists"), a2.error());
        assertEquals("Khác", client.findByUid("a2").orElseThrow().fullName(), "the other entry is left alone");
    }

    @Test
    void rowWhoseGroupCannotTakeMembersIsUndone() throws Exception {
        ImportPlan plan = plan("b1,Người Một,b1@example.gov.vn,,,,fine|broken\nb2,Người Hai,b2@example.gov.vn,,,,fine\n");
        assertEquals(List.of("fine", "broken"), plan.groupsToCreate());
        BaseTree.load(client.layout()).ensure(client.connectionFactory());
        // Someone creates cn=broken meanwhile as an entry that cannot hold members.
        ldapadd("dn: cn=broken,ou=groups,dc=example,dc=gov,dc=vn\nobjectClass: organizationalRole\ncn: broken\n\n");

        List<RowOutcome> outcomes = new PlanApplier(client).apply(plan, hashes(plan), n -> { });
        RowOutcome b1 = outcomes.stream().filter(o -> o.row().record().uid().equals("b1")).findFirst().orElseThrow();
        assertFalse(b1.ok());
        assertTrue(b1.error().contains("cannot join group broken"), b1.error());
        assertTrue(client.findByUid("b1").isEmpty(), "the created entry is removed again: no half-applied row");
        assertEquals(List.of("b2"), client.resolveGroup("fine").stream().map(Official::uid).toList(),
                "b1's membership of the group that worked is removed too");
        String fine = slapd.ldap("ldapsearch", "-LLL", "-b", "cn=fine,ou=groups,dc=example,dc=gov,dc=vn", "-s", "base", "member");
        assertFalse(fine.contains("uid=b1,"), fine);
        assertNull(outcomes.stream().filter(o -> o.row().record().uid().equals("b2")).findFirst().orElseThrow().error());
        assertTrue(client.findByUid("b2").isPresent());
    }

    @Test
    void updatedRowWhoseGroupCannotTakeMembersIsPutBack() throws Exception {
        ImportPlan first = plan("c1,Người Một,c1@example.gov.vn,0912345678,,Chuyên viên,\n");
        new PlanApplier(client).apply(first, hashes(first), n -> { });
        ImportPlan second = plan("c1,Người Một,c1@example.gov.vn,0987654321,,Trưởng phòng,broken\n");
        ldapadd("dn: cn=broken,ou=groups,dc=example,dc=gov,dc=vn\nobjectClass: organizationalRole\ncn: broken\n\n");

        List<RowOutcome> outcomes = new PlanApplier(client).apply(second, Map.of(), n -> { });
        assertFalse(outcomes.get(0).ok());
        Official c1 = client.findByUid("c1").orElseThrow();
        assertEquals("84912345678", c1.mobile(), "mobile restored");
        assertEquals("Chuyên viên", c1.title(), "title restored");
    }

    @Test
    void unitDeletedBeforeItsRenameStopsTheImportBeforeAnyRowIsWritten() throws Exception {
        String header = "uid,full_name,mail,mobile,unit,title,groups,unit_name\n";
        ImportPlan first = planFile(header + "d1,Người Một,d1@example.gov.vn,,SO-YTE,,,Sở Y tế\n");
        new PlanApplier(client).apply(first, hashes(first), n -> { });
        ImportPlan second = planFile(header + "d1,Người Một,d1@example.gov.vn,,SO-YTE,Giám đốc,,Sở Y tế tỉnh\n"
                + "d2,Người Hai,d2@example.gov.vn,,,,,\n");
        assertEquals(1, second.unitRenames().size());
        slapd.ldap("ldapdelete", "ou=SO-YTE,ou=units,dc=example,dc=gov,dc=vn");

        assertThrows(org.ldaptive.LdapException.class, () -> new PlanApplier(client).apply(second, hashes(second), n -> { }));
        assertTrue(client.findByUid("d2").isEmpty(), "no row is written after a unit change failed");
        assertNull(client.findByUid("d1").orElseThrow().title(), "d1 keeps no title: its update was never sent");
    }
}
