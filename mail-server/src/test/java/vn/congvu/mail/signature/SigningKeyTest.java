package vn.congvu.mail.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain key: generated once, owner-only, 2048 bits, kept across loads; its record split into DNS strings. */
class SigningKeyTest {
    @TempDir
    Path dir;

    @Test
    void theKeyIsGeneratedOnceAndKept() throws Exception {
        Path file = dir.resolve("dkim/congvu.key.pem");
        SigningKey first = SigningKey.loadOrCreate(file);
        SigningKey again = SigningKey.loadOrCreate(file);

        assertEquals(first.publicKeyBase64(), again.publicKeyBase64());
        assertEquals(2048, first.privateKey().getModulus().bitLength());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left beside the key");
        }
        assertTrue(first.recordText().startsWith("v=DKIM1; k=rsa; p=MIIB"), first.recordText());
    }

    @Test
    void theRecordIsWrittenInStringsOfAtMost255() {
        String text = "v=DKIM1; k=rsa; p=" + "A".repeat(400);
        String record = DkimRecordCommand.record("congvu", "example.gov.vn", text);
        assertEquals("congvu._domainkey.example.gov.vn IN TXT \"" + text.substring(0, 255) + "\" \"" + text.substring(255) + "\"",
            record);
    }
}
