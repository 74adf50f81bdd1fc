package vn.congvu.directory.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.directory.embedded.EmbeddedFixture.admin;
import static vn.congvu.directory.embedded.EmbeddedFixture.copyDataAsIfCrashed;
import static vn.congvu.directory.embedded.EmbeddedFixture.journal;
import static vn.congvu.directory.embedded.EmbeddedFixture.person;
import static vn.congvu.directory.embedded.EmbeddedFixture.personDn;
import static vn.congvu.directory.embedded.EmbeddedFixture.start;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    private static final String AN = "Nguyễn Văn An";

    @Test
    void cleanRestartKeepsEveryChange(@TempDir Path home) throws Exception {
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            c.add(person("an", AN, null));
            c.add(person("binh", "Trần Thị Bình", null));
            c.add(person("chi", "Lê Chí", null));
            c.modify(personDn("an"), new Modification(ModificationType.REPLACE, "title", "Chánh Văn phòng"));
            c.delete(personDn("chi"));
        }
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            SearchResultEntry an = c.getEntry(personDn("an"));
            assertEquals(AN, an.getAttributeValue("cn"));
            assertEquals("Chánh Văn phòng", an.getAttributeValue("title"));
            assertNotNull(c.getEntry(personDn("binh")));
            assertNull(c.getEntry(personDn("chi")));
            assertNotNull(c.getEntry(EmbeddedFixture.LAYOUT.groupDn("directive-issuers")), "base tree seeded on first start");
            // One snapshot and one empty journal after a clean stop and start.
            assertEquals(0, Files.size(journal(home)));
        }
    }

    @Test
    void adminPasswordIsPrivateAndKeptAcrossRestarts(@TempDir Path home) throws Exception {
        String first;
        try (EmbeddedDirectory d = start(home)) {
            first = EmbeddedFixture.adminPassword(home);
            assertTrue(first.length() >= 40, "256 random bits");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.passwordFile())));
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(d.passwordFile().getParent())));
            // The snapshot and journal hold password hashes.
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(d.dataDir().resolve(SnapshotFile.NAME))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal(home))));
        }
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            assertEquals(first, EmbeddedFixture.adminPassword(home));
            assertNotNull(c.getEntry(d.baseDn()));
        }
    }

    @Test
    void crashLeavesEveryAcknowledgedChangeInTheJournal(@TempDir Path home, @TempDir Path crashed) throws Exception {
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            c.add(person("an", AN, null));
            c.add(person("binh", "Trần Thị Bình", null));
            c.modify(personDn("an"), new Modification(ModificationType.ADD, "title", "Phó Giám đốc"));
            c.delete(personDn("binh"));
            c.add(person("binh", "Trần Thị Bình", null)); // deleted then re-added: the last state wins
            c.modify(personDn("binh"), new Modification(ModificationType.REPLACE, "title", "Văn thư"));
            c.add(person("dung", "Phạm Dũng", null));
            c.delete(personDn("dung"));
            assertTrue(Files.size(journal(home)) > 0, "changes are in the journal, not yet in a snapshot");
            copyDataAsIfCrashed(home, crashed);
        }
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertEquals("Phó Giám đốc", c.getEntry(personDn("an")).getAttributeValue("title"));
            assertEquals("Văn thư", c.getEntry(personDn("binh")).getAttributeValue("title"));
            assertNull(c.getEntry(personDn("dung")));
            assertEquals(2, c.search(d.baseDn(), SearchScope.SUB, "(objectClass=inetOrgPerson)").getEntryCount());
        }
    }

    @Test
    void renameIsSnapshottedBeforeItIsAcknowledged(@TempDir Path home, @TempDir Path crashed) throws Exception {
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            c.add(person("an", AN, null));
            c.modifyDN(personDn("an"), "uid=an2", true);
            copyDataAsIfCrashed(home, crashed);
        }
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertNull(c.getEntry(personDn("an")));
            assertEquals("an2", c.getEntry(personDn("an2")).getAttributeValue("uid"));
        }
    }

    @Test
    void tornJournalTailIsIgnored(@TempDir Path home, @TempDir Path crashed) throws Exception {
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            c.add(person("an", AN, null));
            c.add(person("binh", "Trần Thị Bình", null));
            copyDataAsIfCrashed(home, crashed);
        }
        // A crash in the middle of the next append: a header promising 500 bytes, and only part of them.
        try (FileChannel ch = FileChannel.open(journal(crashed), StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.allocate(8 + 100).putInt(500).putInt(0x1234567).put(new byte[100]).flip());
        }
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertNotNull(c.getEntry(personDn("an")));
            assertNotNull(c.getEntry(personDn("binh")));
            c.add(person("chi", "Lê Chí", null)); // and it goes on working
        }
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertNotNull(c.getEntry(personDn("chi")));
        }
    }

    @Test
    void corruptLastRecordIsDroppedAndEarlierOnesKept(@TempDir Path home, @TempDir Path crashed) throws Exception {
        try (EmbeddedDirectory d = start(home); LDAPConnection c = admin(d)) {
            c.add(person("an", AN, null));
            c.add(person("binh", "Trần Thị Bình", null));
            copyDataAsIfCrashed(home, crashed);
        }
        Path journal = journal(crashed);
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 3] ^= 0x5a; // inside binh's record, which is the last one
        Files.write(journal, bytes);
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertNotNull(c.getEntry(personDn("an")));
            assertNull(c.getEntry(personDn("binh")));
        }
    }

    @Test
    void journalIsFoldedIntoTheSnapshotWhenItGrows(@TempDir Path home, @TempDir Path crashed) throws Exception {
        int people = 60;
        try (EmbeddedDirectory d = EmbeddedDirectory.start(EmbeddedFixture.settings(home)
                .withMinCompactionRecords(20)); LDAPConnection c = admin(d)) {
            for (int i = 0; i < people; i++) {
                c.add(person("p" + i, "Cán bộ " + i, null));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (snapshotPeople(home) < 40 && System.nanoTime() < deadline) {
                Thread.sleep(20); // compaction runs in the background
            }
            assertTrue(snapshotPeople(home) >= 40, "snapshot refreshed as the journal grew");
            copyDataAsIfCrashed(home, crashed);
        }
        try (EmbeddedDirectory d = start(crashed); LDAPConnection c = admin(d)) {
            assertEquals(people, c.search(d.baseDn(), SearchScope.SUB, "(objectClass=inetOrgPerson)")
                    .getEntryCount());
        }
        try (var files = Files.list(crashed.resolve("directory"))) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    private static long snapshotPeople(Path home) throws Exception {
        Path snapshot = home.resolve("directory").resolve(SnapshotFile.NAME);
        return Files.readAllLines(snapshot).stream().filter(l -> l.startsWith("dn: uid=p")).count();
    }
}
