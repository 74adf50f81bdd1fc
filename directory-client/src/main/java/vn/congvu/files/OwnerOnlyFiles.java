package vn.congvu.files;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner can read (600) and directories only their owner can enter (700): passwords, secrets,
 * keystores, password hashes. Files are created with those permissions, so they are never readable by others, not
 * even briefly. On a file system without POSIX permissions the data directory's own protection is all there is.
 */
public final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** What writes a file's content; may return what it counted. */
    @FunctionalInterface
    public interface Content<T, E extends Exception> {
        T writeTo(OutputStream out) throws IOException, E;
    }

    private OwnerOnlyFiles() {
    }

    /** Creates the directory if needed and makes it 700 (the umask may have widened an existing one). */
    public static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.toAbsolutePath().getParent()); // the parents keep the usual permissions
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        }
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Attributes for creating a file as 600, for a caller that opens the file itself. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Makes an existing file 600. */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Whether these permissions let nobody but the owner read or write (600, 400, 200 or none). */
    public static boolean ownerOnly(Set<PosixFilePermission> permissions) {
        return FILE.containsAll(permissions);
    }

    /** Writes a new 600 file; fails with FileAlreadyExistsException when the file exists. */
    public static void create(Path file, String text) throws IOException {
        Files.createFile(file, fileAttributes());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** {@link #replace(Path, Content)} with a text. */
    public static void replace(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        replace(file, out -> {
            out.write(bytes);
            return null;
        });
    }

    /**
     * Replaces the file atomically with a 600 one: written to {@code <name>.tmp}, fsynced, renamed over the file,
     * directory fsynced. A crash leaves the old file or the new one, never a part of either.
     *
     * @return what the content returned
     */
    public static <T, E extends Exception> T replace(Path file, Content<T, E> content) throws IOException, E {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, fileAttributes());
        T result;
        try (FileOutputStream stream = new FileOutputStream(tmp.toFile());
             OutputStream out = new BufferedOutputStream(stream, 1 << 16)) {
            result = content.writeTo(out);
            out.flush();
            stream.getChannel().force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectoryFsync.force(dir);
        return result;
    }
}
