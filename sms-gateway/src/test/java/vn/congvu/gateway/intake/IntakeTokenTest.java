package vn.congvu.gateway.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTokenTest {

    @Test
    void generatedOnceIntoAPrivateFileAndReadBackAfterARestart(@TempDir Path home) throws Exception {
        IntakeToken first = new IntakeToken("", home.toString());
        Path file = home.resolve("gateway/intake.token");
        assertEquals(file, first.file());
        String written = Files.readString(file).strip();
        assertEquals(64, written.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(first.matches(written));
        assertTrue(new IntakeToken("", home.toString()).matches(written), "same token after a restart");
        assertFalse(first.matches(written.substring(1)));
        assertFalse(first.matches(null));
    }

    @Test
    void configuredTokenWins(@TempDir Path home) {
        IntakeToken t = new IntakeToken("from-env", home.toString());
        assertTrue(t.matches("from-env"));
        assertFalse(Files.exists(home.resolve("gateway/intake.token")));
    }
}
