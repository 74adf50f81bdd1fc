package vn.congvu.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceWritesA600FileAndLeavesNoTemporaryOne() throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.replace(file, "new\n");
        assertEquals("new\n", Files.readString(file));
        assertEquals("rw-------", permissions(file));
        assertFalse(Files.exists(dir.resolve("secret.tmp")));
        assertEquals(3, (int) OwnerOnlyFiles.replace(dir.resolve("counted"), out -> {
            out.write("abc".getBytes());
            return 3;
        }));
    }

    @Test
    void createRefusesAnExistingFile() throws Exception {
        Path file = dir.resolve("once");
        OwnerOnlyFiles.create(file, "first");
        assertEquals("first", Files.readString(file));
        assertEquals("rw-------", permissions(file));
        assertThrows(FileAlreadyExistsException.class, () -> OwnerOnlyFiles.create(file, "second"));
        assertEquals("first", Files.readString(file));
    }

    @Test
    void directoryIs700EvenWhenItExistedWider() throws Exception {
        Path created = dir.resolve("a/b/private");
        OwnerOnlyFiles.directory(created);
        assertEquals("rwx------", permissions(created));
        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnlyFiles.directory(created);
        assertEquals("rwx------", permissions(created));
    }

    @Test
    void ownerOnlyPermissions() {
        assertTrue(OwnerOnlyFiles.ownerOnly(PosixFilePermissions.fromString("rw-------")));
        assertTrue(OwnerOnlyFiles.ownerOnly(PosixFilePermissions.fromString("r--------")));
        assertFalse(OwnerOnlyFiles.ownerOnly(PosixFilePermissions.fromString("rw-r-----")));
        assertFalse(OwnerOnlyFiles.ownerOnly(PosixFilePermissions.fromString("rwx------")));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
