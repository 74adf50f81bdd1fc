package vn.congvu.mail.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The officials' CSV as Excel writes it, and the line and reason of each broken row. */
class MigrationListTest {
    @TempDir
    Path dir;

    @Test
    void excelCsvWithBrokenRows() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.write(file, ("\uFEFFUID;Login;Password\r\n"
            + "ngo.van.a;a@old.vn;\"mk;có dấu chấm phẩy\"\r\n"
            + "\r\n"
            + "Tran.Thi.B;b@old.vn;\r\n"
            + "le van c;c@old.vn;mk\r\n"
            + "pham.van.d@khac.gov.vn;d@old.vn;mk-d\r\n"
            + "ngo.van.a;a2@old.vn;mk\r\n"
            + "hoang.e;;mk\r\n"
            + "vu.f;f@old.vn;mk;thừa\r\n").getBytes(StandardCharsets.UTF_8));
        MigrationList list = MigrationList.read(file, "example.gov.vn", false);
        assertEquals(List.of("ngo.van.a@example.gov.vn", "pham.van.d@khac.gov.vn"),
            list.rows().stream().map(MigrationList.Row::address).toList());
        assertEquals("mk;có dấu chấm phẩy", list.rows().get(0).oldPassword());
        assertEquals(2, list.rows().get(0).line());
        assertEquals(List.of(4, 5, 7, 8, 9), list.broken().stream().map(MigrationList.BrokenRow::line).toList());
        assertTrue(list.broken().get(0).reason().contains("password is empty"), list.broken().toString());
        assertTrue(list.broken().get(1).reason().contains("not a directory uid"), list.broken().toString());
        assertTrue(list.broken().get(2).reason().contains("already on line 2"), list.broken().toString());
        assertTrue(list.broken().get(3).reason().contains("login"), list.broken().toString());
        assertTrue(list.broken().get(4).reason().contains("has 4 fields"), list.broken().toString());
    }

    @Test
    void withAMasterLoginNoPasswordColumn() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(file, "uid,login\nngo.van.a,a@old.vn\n", StandardCharsets.UTF_8);
        MigrationList list = MigrationList.read(file, "example.gov.vn", true);
        assertNull(list.rows().get(0).oldPassword());
        MigrationList.Unreadable missing = assertThrows(MigrationList.Unreadable.class, () -> MigrationList.read(file, "example.gov.vn", false));
        assertTrue(missing.getMessage().contains("password"), missing.getMessage());
    }

    @Test
    void notUtf8() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.write(file, "uid,login,password\nnguy\u1ec5n,a,b\n".getBytes(StandardCharsets.UTF_16LE));
        assertThrows(MigrationList.Unreadable.class, () -> MigrationList.read(file, "example.gov.vn", false));
    }
}
