package vn.congvu.directory.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.congvu.directory.client.AuthResult;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.testing.FreshSlapdTest;
import vn.congvu.directory.testing.Slapd;

/** `congvu import` against a real OpenLDAP slapd holding only its suffix entry. */
class ImportAgainstSlapdTest extends FreshSlapdTest {

    static final String HEADER = "uid,full_name,mail,mobile,unit,title,groups,status\n";
    static final String TWO = HEADER
            + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,0912.345.678,TINH/VP-TU,Chánh Văn phòng,lanh-dao|directive-issuers,active\n"
            + "hoa.tt,Trần Thị Hoa,hoa.tt@example.gov.vn,+84 983 456 789,TINH/VP-TU/PHONG-TH,Chuyên viên,van-phong,\n";


    record Run(int exit, String out) {
    }

    private Path csv(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private Run run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("CONGVU_DOMAIN", "example.gov.vn");
        env.put("CONGVU_LDAP_URL", slapd.url());
        env.put("CONGVU_LDAP_BIND_DN", slapd.rootDn());
        env.put("CONGVU_LDAP_BIND_PASSWORD", Slapd.ROOT_PASSWORD);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new ImportCommand(env, out)).execute(args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    private Map<String, String> passwords(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(PasswordsFile.HEADER, lines.get(0));
        return lines.stream().skip(1).map(l -> l.split(",", 3))
                .collect(Collectors.toMap(f -> f[0], f -> f[2]));
    }

    @Test
    void importCreatesOfficialsUnitsGroupsAndVietnameseNamesSurvive() throws Exception {
        Path pw = dir.resolve("pw.csv");
        Run r = run(csv("a.csv", TWO).toString(), "--passwords-out", pw.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("new units:  TINH, VP-TU, PHONG-TH"), r.out());
        assertTrue(r.out().contains("new groups: lanh-dao, directive-issuers, van-phong"), r.out());
        assertTrue(r.out().contains("lacks the CongVu base tree: creates ou=people,dc=example,dc=gov,dc=vn"), r.out());

        Official tuan = client.findByUid("tuan.nv").orElseThrow();
        assertEquals("Nguyễn Văn Tuấn", tuan.fullName());
        assertEquals("Chánh Văn phòng", tuan.title());
        assertEquals("84912345678", tuan.mobile());
        assertEquals("VP-TU", tuan.unit());
        assertEquals(AccountStatus.ACTIVE, tuan.status());
        assertTrue(tuan.mustChangePassword());
        // read back through a client we did not write, too
        String ldif = slapd.ldap("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b", "ou=people,dc=example,dc=gov,dc=vn",
                "(uid=hoa.tt)", "cn", "sn", "givenName");
        assertTrue(ldif.contains("cn:: " + java.util.Base64.getEncoder().encodeToString(
                "Trần Thị Hoa".getBytes(StandardCharsets.UTF_8))), ldif);
        assertTrue(ldif.contains("sn:: " + java.util.Base64.getEncoder().encodeToString(
                "Trần".getBytes(StandardCharsets.UTF_8))), ldif);

        assertTrue(client.isMember("tuan.nv", "directive-issuers"));
        assertEquals(List.of("hoa.tt"), client.resolveGroup("van-phong").stream().map(Official::uid).toList());
        assertEquals(Set.of("tuan.nv", "hoa.tt"), client.resolveUnit("TINH", true).stream().map(Official::uid)
                .collect(Collectors.toSet()));
        assertEquals("TINH", client.findUnit("VP-TU").orElseThrow().parentCode());

        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(pw);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), mode);
        Map<String, String> issued = passwords(pw);
        assertEquals(Set.of("tuan.nv", "hoa.tt"), issued.keySet());
        assertTrue(issued.get("hoa.tt").length() >= 16);
        AuthResult login = client.authenticate("hoa.tt@example.gov.vn", issued.get("hoa.tt"));
        assertTrue(login.ok(), login.toString());
        String stored = slapd.ldap("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b",
                "uid=hoa.tt,ou=people,dc=example,dc=gov,dc=vn", "-s", "base", "userPassword");
        assertFalse(stored.contains(issued.get("hoa.tt")), "the password must be stored hashed");
        assertTrue(stored.contains("userPassword:: " + java.util.Base64.getEncoder().encodeToString("{SSHA}".getBytes())
                .substring(0, 6)), stored);
    }

    @Test
    void reRunningTheSameFileChangesNothing() throws Exception {
        Path file = csv("a.csv", TWO);
        assertEquals(0, run(file.toString(), "--passwords-out", dir.resolve("pw1.csv").toString()).exit());
        String before = slapd.ldap("ldapsearch", "-LLL", "-b", "dc=example,dc=gov,dc=vn", "(objectClass=*)", "*", "modifyTimestamp");
        Run again = run(file.toString(), "--passwords-out", dir.resolve("pw2.csv").toString());
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("unchanged      2"), again.out());
        assertTrue(again.out().contains("Nothing to change."), again.out());
        assertFalse(Files.exists(dir.resolve("pw2.csv")), "no account created, so no passwords file");
        String after = slapd.ldap("ldapsearch", "-LLL", "-b", "dc=example,dc=gov,dc=vn", "(objectClass=*)", "*", "modifyTimestamp");
        assertEquals(before, after);
    }

    @Test
    void changedRowIsUpdatedAndDisabledRowIsDisabledNeverDeleted() throws Exception {
        assertEquals(0, run(csv("a.csv", TWO).toString(), "--passwords-out", dir.resolve("pw.csv").toString()).exit());
        Map<String, String> issued = passwords(dir.resolve("pw.csv"));
        String changed = HEADER
                + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,0983111222,TINH/VP-TU,Phó Bí thư,lanh-dao|directive-issuers|van-phong,\n"
                + "hoa.tt,Trần Thị Hoa,hoa.tt@example.gov.vn,+84 983 456 789,TINH/VP-TU/PHONG-TH,Chuyên viên,van-phong,disabled\n";
        Run dry = run(csv("b.csv", changed).toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(dry.out().contains("update         1") && dry.out().contains("disable        1"), dry.out());
        assertTrue(dry.out().contains("mobile 84912345678 → 84983111222"), dry.out());
        assertEquals("84912345678", client.findByUid("tuan.nv").orElseThrow().mobile(), "dry run changed nothing");

        Run r = run(csv("b.csv", changed).toString());
        assertEquals(0, r.exit(), r.out());
        Official tuan = client.findByUid("tuan.nv").orElseThrow();
        assertEquals("84983111222", tuan.mobile());
        assertEquals("Phó Bí thư", tuan.title());
        assertTrue(client.isMember("tuan.nv", "van-phong"));
        Official hoa = client.findByUid("hoa.tt").orElseThrow();
        assertEquals(AccountStatus.DISABLED, hoa.status());
        assertEquals(AuthResult.Outcome.DISABLED, client.authenticate("hoa.tt@example.gov.vn", issued.get("hoa.tt")).outcome());

        // a file that leaves someone out deletes nobody
        Run partial = run(csv("c.csv", HEADER
                + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,0983111222,TINH/VP-TU,Phó Bí thư,lanh-dao,\n").toString());
        assertEquals(0, partial.exit(), partial.out());
        assertTrue(partial.out().contains("1 official(s) in the directory are not in this file"), partial.out());
        assertTrue(client.findByUid("hoa.tt").isPresent());
        assertTrue(client.isMember("tuan.nv", "van-phong"), "memberships are only added by an import");

        // --sync-groups makes the groups column authoritative for the rows in the file
        Path sync = dir.resolve("c.csv");
        Run syncDry = run(sync.toString(), "--sync-groups", "--dry-run");
        assertTrue(syncDry.out().contains("-group directive-issuers; -group van-phong"), syncDry.out());
        assertTrue(client.isMember("tuan.nv", "van-phong"), "dry run changed nothing");
        Run synced = run(sync.toString(), "--sync-groups");
        assertEquals(0, synced.exit(), synced.out());
        assertFalse(client.isMember("tuan.nv", "van-phong"));
        assertFalse(client.isMember("tuan.nv", "directive-issuers"));
        assertTrue(client.isMember("tuan.nv", "lanh-dao"));
        assertTrue(client.isMember("hoa.tt", "van-phong"), "officials not in the file keep their groups");
        assertTrue(run(sync.toString(), "--sync-groups").out().contains("Nothing to change."));
    }

    @Test
    void badRowsAreReportedByLineAndGoodRowsStillApplied() throws Exception {
        String file = HEADER
                + "ok.one,Lê Văn Một,ok.one@example.gov.vn,0912000001,,,,\n"
                + "*)(uid=*,Kẻ Tấn Công,attacker@example.gov.vn,0912000002,,,,\n"
                + "bad.mail,Sai Thư,not-an-address,0912000003,,,,\n"
                + "bad.mobile,Sai Số,bad.mobile@example.gov.vn,0243825123,,,,\n"
                + "other.domain,Khác Miền,x@gmail.com,,,,,\n"
                + "dup,Trùng Một,dup1@example.gov.vn,,,,,\n"
                + "dup,Trùng Hai,dup2@example.gov.vn,,,,,\n"
                + "inj.mail,Thư Lạ,*)(mail=*@example.gov.vn,,,,,\n"
                + "ok.two,Lê Văn Hai,ok.two@example.gov.vn,0912000001,,,,wrong-status\n"
                + "ok.three,Lê Văn Ba,ok.three@example.gov.vn,0912000001,,,bad group!,\n";
        Run r = run(csv("bad.csv", file).toString(), "--passwords-out", dir.resolve("pw.csv").toString());
        assertEquals(1, r.exit(), r.out());
        for (String expected : List.of("line 3 ", "line 4 ", "line 5 ", "line 6 ", "line 7 ", "line 8 ", "line 9 ",
                "line 10 ", "line 11 ")) {
            assertTrue(r.out().contains(expected), "missing error for " + expected + "\n" + r.out());
        }
        assertTrue(r.out().contains("is not a Vietnamese mobile number"), r.out());
        assertTrue(r.out().contains("appears on several lines [7, 8]"), r.out());
        assertTrue(r.out().contains("not in the mail domain example.gov.vn"), r.out());
        assertTrue(client.findByUid("ok.one").isPresent(), "the good row is applied");
        assertEquals(List.of("ok.one"), client.allOfficials().stream().map(Official::uid).toList());
        assertEquals(Set.of("ok.one"), passwords(dir.resolve("pw.csv")).keySet());
    }

    @Test
    void strictAppliesNothingWhenARowIsBad() throws Exception {
        String file = HEADER + "ok.one,Lê Văn Một,ok.one@example.gov.vn,,,,,\nbad one,X,x@example.gov.vn,,,,,\n";
        Run r = run(csv("s.csv", file).toString(), "--strict", "--passwords-out", dir.resolve("pw.csv").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(client.findByUid("ok.one").isEmpty());
        assertFalse(Files.exists(dir.resolve("pw.csv")));
    }

    @Test
    void conflictsWithTheDirectoryAreErrorsAndSharedMobilesWarnings() throws Exception {
        assertEquals(0, run(csv("a.csv", TWO).toString(), "--passwords-out", dir.resolve("pw.csv").toString()).exit());
        String file = HEADER
                + "tuan2,Nguyễn Tuấn Hai,tuan.nv@example.gov.vn,,,,,\n"       // mail of tuan.nv
                + "grp,Nhóm Thư,van-phong@example.gov.vn,,,,,\n"              // mail of a group
                + "share,Dùng Chung,share@example.gov.vn,0912345678,,,,\n"     // tuan.nv's mobile
                + "moved,Chuyển Đơn Vị,moved@example.gov.vn,,OTHER/PHONG-TH,,,\n"; // PHONG-TH is under VP-TU
        Run r = run(csv("c.csv", file).toString(), "--passwords-out", dir.resolve("pw2.csv").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("already belongs to official 'tuan.nv'"), r.out());
        assertTrue(r.out().contains("is the address of group 'van-phong'"), r.out());
        assertTrue(r.out().contains("unit PHONG-TH is under VP-TU, not under OTHER"), r.out());
        assertTrue(r.out().contains("Warnings:") && r.out().contains("is shared with tuan.nv"), r.out());
        assertTrue(client.findByUid("share").isPresent(), "a shared mobile is only a warning");
        assertTrue(client.findByUid("tuan2").isEmpty());
    }

    @Test
    void newAccountsNeedAPasswordsFileAndAnExistingOneIsNeverOverwritten() throws Exception {
        Path file = csv("a.csv", TWO);
        Run none = run(file.toString());
        assertEquals(2, none.exit(), none.out());
        assertTrue(none.out().contains("--passwords-out"), none.out());
        assertTrue(client.allOfficials().isEmpty());

        Path existing = dir.resolve("old.csv");
        Files.writeString(existing, "uid,mail,initial_password\nsomeone,s@example.gov.vn,secret\n");
        Run clash = run(file.toString(), "--passwords-out", existing.toString());
        assertEquals(2, clash.exit(), clash.out());
        assertTrue(Files.readString(existing).contains("someone"));
        assertTrue(client.allOfficials().isEmpty());
    }

    static final String NAMED_HEADER = "uid,full_name,mail,mobile,unit,title,groups,status,unit_name\n";

    private String description(String unitDn) throws Exception {
        return slapd.ldap("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b", unitDn, "-s", "base", "description");
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unitNameColumnNamesTheLastUnitOfThePathAndReRunChangesNothing() throws Exception {
        Path file = csv("named.csv", NAMED_HEADER
                + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,,TINH/VP-TU,,,,Văn phòng  Tỉnh ủy\n"
                + "hoa.tt,Trần Thị Hoa,hoa.tt@example.gov.vn,,TINH/VP-TU/PHONG-TH,,,,Phòng Tổng hợp\n"
                + "minh.pv,Phạm Văn Minh,minh.pv@example.gov.vn,,TINH/VP-TU,,,,\n");
        Run r = run(file.toString(), "--passwords-out", dir.resolve("pw.csv").toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("new units:  TINH, VP-TU (Văn phòng Tỉnh ủy), PHONG-TH (Phòng Tổng hợp)"), r.out());
        assertTrue(r.out().contains("Units: created 3, renamed 0."), r.out());
        assertEquals("Văn phòng Tỉnh ủy", client.findUnit("VP-TU").orElseThrow().name(), "spaces collapsed as in full_name");
        assertEquals("Phòng Tổng hợp", client.findUnit("PHONG-TH").orElseThrow().name());
        assertEquals("TINH", client.findUnit("TINH").orElseThrow().name(), "a parent no row names keeps its code");
        // read back through a client we did not write, too
        assertTrue(description("ou=VP-TU,ou=TINH,ou=units,dc=example,dc=gov,dc=vn")
                .contains("description:: " + base64("Văn phòng Tỉnh ủy")));

        String before = slapd.ldap("ldapsearch", "-LLL", "-b", "dc=example,dc=gov,dc=vn", "(objectClass=*)", "*", "modifyTimestamp");
        Run again = run(file.toString(), "-v");
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("Nothing to change."), again.out());
        assertFalse(again.out().contains("renamed units"), again.out());
        assertEquals(before, slapd.ldap("ldapsearch", "-LLL", "-b", "dc=example,dc=gov,dc=vn", "(objectClass=*)", "*",
                "modifyTimestamp"));
    }

    @Test
    void changedUnitNameIsARenameAndAnEmptyOrAbsentColumnKeepsTheName() throws Exception {
        assertEquals(0, run(csv("a.csv", TWO).toString(), "--passwords-out", dir.resolve("pw.csv").toString()).exit());
        assertEquals("VP-TU", client.findUnit("VP-TU").orElseThrow().name(), "without unit_name the code stands in");

        String named = NAMED_HEADER
                + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,0912.345.678,TINH/VP-TU,Chánh Văn phòng,lanh-dao|directive-issuers,active,Văn phòng Tỉnh ủy\n"
                + "hoa.tt,Trần Thị Hoa,hoa.tt@example.gov.vn,+84 983 456 789,TINH/VP-TU/PHONG-TH,Chuyên viên,van-phong,,\n";
        Path file = csv("named.csv", named);
        Run dry = run(file.toString(), "--dry-run");
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(dry.out().contains("renamed units: 1 (VP-TU)"), dry.out());
        assertTrue(dry.out().contains("rename VP-TU                VP-TU → Văn phòng Tỉnh ủy"), dry.out());
        assertTrue(dry.out().contains("unchanged      2"), dry.out());
        assertEquals("VP-TU", client.findUnit("VP-TU").orElseThrow().name(), "dry run changed nothing");

        Run r = run(file.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("Units: created 0, renamed 1."), r.out());
        assertFalse(r.out().contains("Unit names:"), "a plain run lists no renames, only counts them\n" + r.out());
        assertEquals("Văn phòng Tỉnh ủy", client.findUnit("VP-TU").orElseThrow().name());
        assertEquals("PHONG-TH", client.findUnit("PHONG-TH").orElseThrow().name());

        Run verbose = run(csv("renamed.csv", named.replace("Văn phòng Tỉnh ủy", "Văn phòng Tỉnh uỷ")).toString(), "-v");
        assertEquals(0, verbose.exit(), verbose.out());
        assertTrue(verbose.out().contains("rename VP-TU                Văn phòng Tỉnh ủy → Văn phòng Tỉnh uỷ"),
                verbose.out());
        assertEquals("Văn phòng Tỉnh uỷ", client.findUnit("VP-TU").orElseThrow().name());

        // neither a file without the column nor an empty cell removes a name
        for (String keep : List.of(TWO, named.replace(",Văn phòng Tỉnh ủy\n", ",\n"))) {
            Run kept = run(csv("keep.csv", keep).toString());
            assertEquals(0, kept.exit(), kept.out());
            assertTrue(kept.out().contains("Nothing to change."), kept.out());
            assertEquals("Văn phòng Tỉnh uỷ", client.findUnit("VP-TU").orElseThrow().name());
        }
    }

    @Test
    void rowsGivingAUnitDifferentNamesAreRejectedWithBothLines() throws Exception {
        String file = NAMED_HEADER
                + "tuan.nv,Nguyễn Văn Tuấn,tuan.nv@example.gov.vn,,TINH/VP-TU,,,,Văn phòng Tỉnh ủy\n"
                + "dung.lv,Lê Văn Dũng,dung.lv@example.gov.vn,,TINH/SO-YTE,,,,Sở Y tế\n"
                + "hoa.tt,Trần Thị Hoa,hoa.tt@example.gov.vn,,TINH/vp-tu,,,,Văn phòng Thành ủy\n"
                + "minh.pv,Phạm Văn Minh,minh.pv@example.gov.vn,,TINH/VP-TU,,,,\n"
                + "long.n,Tên Dài,long.n@example.gov.vn,,TINH/SO-XD,,,," + "Sở ".repeat(44) + "\n"
                + "ctl.c,Ký Tự Lạ,ctl.c@example.gov.vn,,TINH/SO-TC,,,,Sở\u0007Tài chính\n"
                + "no.unit,Không Đơn Vị,no.unit@example.gov.vn,,,,,,Sở Nội vụ\n";
        Run r = run(csv("conflict.csv", file).toString(), "--passwords-out", dir.resolve("pw.csv").toString());
        assertEquals(1, r.exit(), r.out());
        String conflict = "unit_name of %s differs between rows: 'Văn phòng Tỉnh ủy' on line 2, "
                + "'Văn phòng Thành ủy' on line 4; give the unit one name";
        assertTrue(r.out().contains("line 2     tuan.nv: " + conflict.formatted("VP-TU")), r.out());
        assertTrue(r.out().contains("line 4     hoa.tt: " + conflict.formatted("vp-tu")), r.out());
        assertTrue(r.out().contains("line 6     long.n: unit_name is longer than 128 characters"), r.out());
        assertTrue(r.out().contains("line 7     ctl.c: unit_name contains control characters"), r.out());
        assertTrue(r.out().contains("line 8     no.unit: unit_name is given but unit is empty"), r.out());
        assertTrue(r.out().contains("rejected       5 row(s)"), r.out());

        assertTrue(client.findByUid("tuan.nv").isEmpty() && client.findByUid("hoa.tt").isEmpty(),
                "neither conflicting row is imported");
        assertEquals(Set.of("dung.lv", "minh.pv"), client.allOfficials().stream().map(Official::uid)
                .collect(Collectors.toSet()));
        assertEquals("Sở Y tế", client.findUnit("SO-YTE").orElseThrow().name());
        assertEquals("VP-TU", client.findUnit("VP-TU").orElseThrow().name(),
                "the unit exists for the row that names nobody, and the rejected rows named nothing");
        assertTrue(client.findUnit("SO-XD").isEmpty() && client.findUnit("SO-TC").isEmpty());
    }

    @Test
    void xlsxFileImportsLikeCsv() throws Exception {
        Path xlsx = dir.resolve("list.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(xlsx)) {
            var sheet = wb.createSheet();
            String[][] rows = {
                {"uid", "full_name", "mail", "mobile", "unit", "title", "groups", "Unit Name"},
                {"dung.lv", "Lê Văn Dũng", "dung.lv@example.gov.vn", "0862345678", "SO-YTE", "Giám đốc", "lanh-dao", "Sở Y tế"}};
            for (int i = 0; i < rows.length; i++) {
                var row = sheet.createRow(i);
                for (int c = 0; c < rows[i].length; c++) {
                    row.createCell(c).setCellValue(rows[i][c]);
                }
            }
            wb.write(out);
        }
        Run r = run(xlsx.toString(), "--passwords-out", dir.resolve("pw.csv").toString());
        assertEquals(0, r.exit(), r.out());
        Official dung = client.findByUid("dung.lv").orElseThrow();
        assertEquals("Lê Văn Dũng", dung.fullName());
        assertEquals("84862345678", dung.mobile());
        assertEquals("Sở Y tế", client.findUnit("SO-YTE").orElseThrow().name());
    }

    @Test
    void unreachableDirectorySaysSoAndWhatToDo() throws Exception {
        Path file = csv("a.csv", TWO);
        slapd.stop();
        Run r = run(file.toString(), "--dry-run");
        assertEquals(3, r.exit(), r.out());
        assertTrue(r.out().contains("unreachable"), r.out());
    }
}
