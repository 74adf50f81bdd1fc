package vn.congvu.directory.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonnelFileReaderTest {

    static final String HEADER = "uid,full_name,mail,mobile,unit,title,groups";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsUtf8WithBomAndKeepsVietnameseNames() throws Exception {
        byte[] body = (HEADER + "\nan.nv,Nguyễn Văn An,an.nv@example.gov.vn,0912345678,SO-YTE,Chuyên viên,a|b\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        PersonnelSheet sheet = PersonnelFileReader.read(write("bom.csv", withBom));
        assertEquals(1, sheet.rows().size());
        SourceRow row = sheet.rows().get(0);
        assertEquals("an.nv", row.get(Columns.UID), "the BOM must not stick to the first column name");
        assertEquals("Nguyễn Văn An", row.get(Columns.FULL_NAME));
        assertEquals(2, row.line());
    }

    @Test
    void semicolonSeparatedAndHeaderSpellingsAccepted() throws Exception {
        String csv = "UID;Full Name;Mail;Mobile;Unit;Title;Groups;Status\n"
                + "\n"
                + "an.nv;\"Nguyễn Văn An\";an.nv@example.gov.vn;0912 345 678;SO-YTE;\"Trưởng phòng; kiêm nhiệm\";a;disabled\n";
        PersonnelSheet sheet = PersonnelFileReader.read(write("semi.csv", csv.getBytes(StandardCharsets.UTF_8)));
        SourceRow row = sheet.rows().get(0);
        assertEquals(3, row.line(), "blank lines still count for the line number people see");
        assertEquals("Trưởng phòng; kiêm nhiệm", row.get(Columns.TITLE));
        assertEquals("disabled", row.get(Columns.STATUS));
    }

    @Test
    void decomposedUnicodeIsNormalisedToNfc() throws Exception {
        String nfd = Normalizer.normalize("Trần Thị Hoa", Normalizer.Form.NFD);
        String csv = HEADER + "\nhoa.tt," + nfd + ",hoa.tt@example.gov.vn,,,,\n";
        PersonnelSheet sheet = PersonnelFileReader.read(write("nfd.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Trần Thị Hoa", sheet.rows().get(0).get(Columns.FULL_NAME));
    }

    @Test
    void windowsEncodedFileIsRefusedWithTheLineAndWhatToDo() throws Exception {
        // "Bình" as Windows-1252/1258 write it: ì is the single byte 0xEC, which is not UTF-8.
        String csv = HEADER + "\nan.nv,An,an.nv@example.gov.vn,,,,\nbinh.tt,Lê Bình,binh@example.gov.vn,,,,\n";
        byte[] cp1258 = csv.getBytes(Charset.forName("windows-1252"));
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(write("win.csv", cp1258)));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("CSV UTF-8"), e.getMessage());
    }

    @Test
    void utf16IsRefusedWithAdvice() throws Exception {
        byte[] utf16 = (HEADER + "\n").getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[utf16.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withBom, 2, utf16.length);
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(write("u16.csv", withBom)));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
    }

    @Test
    void missingColumnsAreNamed() throws Exception {
        byte[] csv = "uid,full_name,mail\nan,An,an@example.gov.vn\n".getBytes(StandardCharsets.UTF_8);
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(write("cols.csv", csv)));
        assertTrue(e.getMessage().contains("mobile, unit, title, groups"), e.getMessage());
    }

    @Test
    void unquotedSeparatorInAValueIsARowErrorNotAShift() throws Exception {
        String csv = HEADER + "\nan.nv,Nguyễn Văn An,an.nv@example.gov.vn,0912345678,SO-YTE,Trưởng phòng, kiêm nhiệm,a\n";
        PersonnelSheet sheet = PersonnelFileReader.read(write("shift.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertTrue(sheet.rows().get(0).readError().contains("8 fields"), sheet.rows().get(0).readError());
    }

    @Test
    void unknownColumnsAreReported() throws Exception {
        String csv = HEADER + ",ghi_chu\nan.nv,An,an.nv@example.gov.vn,,,,,x\n";
        PersonnelSheet sheet = PersonnelFileReader.read(write("extra.csv", csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(java.util.List.of("ghi_chu"), sheet.unknownColumns());
        assertNull(sheet.rows().get(0).readError());
    }

    @Test
    void readsXlsxIncludingNumericMobileCells() throws Exception {
        Path file = dir.resolve("list.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = wb.createSheet("Cán bộ");
            String[] header = HEADER.split(",");
            XSSFRow h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            XSSFRow r = sheet.createRow(2); // an empty row 2 in between, as spreadsheets often have
            r.createCell(0).setCellValue("dung.lv");
            r.createCell(1).setCellValue("Lê Văn Dũng");
            r.createCell(2).setCellValue("dung.lv@example.gov.vn");
            r.createCell(3).setCellValue(912345678d); // Excel dropped the leading zero
            r.createCell(4).setCellValue("SO-YTE");
            wb.write(out);
        }
        PersonnelSheet sheet = PersonnelFileReader.read(file);
        SourceRow row = sheet.rows().get(0);
        assertEquals(3, row.line());
        assertEquals("Lê Văn Dũng", row.get(Columns.FULL_NAME));
        assertEquals("912345678", row.get(Columns.MOBILE));
        assertEquals("", row.get(Columns.TITLE));
    }

    @Test
    void emptyFileSaysWhichHeaderIsExpected() throws Exception {
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(write("empty.csv", new byte[0])));
        assertTrue(e.getMessage().contains("is empty") && e.getMessage().contains("uid,full_name,mail"), e.getMessage());
    }

    @Test
    void textRenamedToXlsxIsNotAWorkbook() throws Exception {
        Path fake = write("list.xlsx", (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(fake));
        assertTrue(e.getMessage().contains("not an Excel workbook"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void unclosedQuoteIsAFileProblem() throws Exception {
        Path bad = write("quote.csv", (HEADER + "\nan.nv,\"Nguyễn Văn An,an.nv@example.gov.vn,,,,\n").getBytes(StandardCharsets.UTF_8));
        FileProblem e = assertThrows(FileProblem.class, () -> PersonnelFileReader.read(bad));
        assertTrue(e.getMessage().contains("double quote"), e.getMessage());
    }
}
