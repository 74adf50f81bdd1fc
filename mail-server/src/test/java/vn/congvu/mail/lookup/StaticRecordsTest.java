package vn.congvu.mail.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS records file: names in any case, with or without the final dot, TXT strings joined, bad lines named. */
class StaticRecordsTest {
    @TempDir
    Path dir;

    @Test
    void recordsAreFoundByNameAndType() throws IOException {
        Path file = dir.resolve("records.txt");
        Files.writeString(file, """
            # peers on the provincial network
            Huyen.Example.Gov.VN.   MX   10.20.0.5:2525
            huyen.example.gov.vn    A    10.20.0.5
            congvu._domainkey.huyen.example.gov.vn TXT "v=DKIM1; k=rsa; " "p=AB\\"C"
            plain.example.gov.vn    TXT  v=DKIM1; p=XYZ
            """);
        StaticRecords records = StaticRecords.read(file);
        assertEquals(List.of("10.20.0.5:2525"), records.find("huyen.example.gov.vn", "MX"));
        assertEquals(List.of("10.20.0.5"), records.find("HUYEN.example.gov.vn.", "A"));
        assertEquals(List.of("v=DKIM1; k=rsa; p=AB\"C"), records.find("congvu._domainkey.huyen.example.gov.vn", "TXT"));
        assertEquals(List.of("v=DKIM1; p=XYZ"), records.find("plain.example.gov.vn", "TXT"));
        assertEquals(List.of(), records.find("huyen.example.gov.vn", "TXT"));
    }

    @Test
    void aLineThatIsNotARecordIsRefusedWithItsNumber() throws IOException {
        Path file = dir.resolve("records.txt");
        Files.writeString(file, "ok.example MX 127.0.0.1\nbad.example CNAME other.example\n");
        IOException refused = assertThrows(IOException.class, () -> StaticRecords.read(file));
        assertEquals(file + " line 2: type CNAME is not MX, A or TXT", refused.getMessage());
    }

    @Test
    void resolverTextOfSeveralStringsIsJoined() {
        // as James' resolver prints a TXT record (dnsjava rdataToString)
        assertEquals("v=DKIM1; k=rsa; p=MIIB", TxtText.of("\"v=DKIM1; k=rsa; \" \"p=MIIB\""));
        assertEquals("v=DKIM1; p=X", TxtText.of("  v=DKIM1; p=X "));
    }
}
