package vn.congvu.directory.provisioning;

import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The only place initial passwords ever go: a CSV {@code uid,mail,initial_password}, mode 600.
 *
 * <p>Written before the accounts are created (so a crash mid-import cannot leave accounts whose passwords nobody
 * has), then rewritten atomically with only the accounts that were really created.
 */
public final class PasswordsFile {

    public static final String HEADER = "uid,mail,initial_password";

    public record Entry(String uid, String mail, String password) {
    }

    private final Path path;

    public PasswordsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Fails before anything is written to LDAP when the file exists or its folder is not writable. */
    public void checkWritable() throws FileProblem {
        if (Files.exists(path)) {
            throw new FileProblem(path + " already exists: it may hold passwords from an earlier import. "
                    + "Move it away or choose another --passwords-out file");
        }
        Path dir = path.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new FileProblem("cannot write " + path + ": folder " + dir + " does not exist or is not writable");
        }
    }

    public void write(List<Entry> entries) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp, e);
        }
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(HEADER + "\n");
            for (Entry e : entries) {
                w.write(e.uid() + "," + e.mail() + "," + e.password() + "\n");
            }
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
