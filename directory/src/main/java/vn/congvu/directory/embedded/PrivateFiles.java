package vn.congvu.directory.embedded;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions for the directory's files: they hold the admin password and password hashes. */
final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the directory if needed and makes it 700 (the umask may have widened an existing one). */
    static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent()); // CONGVU_HOME keeps the usual permissions
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
        }
        Files.setPosixFilePermissions(dir, DIR);
    }

    /** Attributes for creating a file as 600, so it is never readable by others, not even briefly. */
    static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
