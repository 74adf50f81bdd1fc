package vn.congvu.directory.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vn.congvu.files.OwnerOnlyFiles;

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
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (Entry e : entries) {
            csv.append(e.uid()).append(',').append(e.mail()).append(',').append(e.password()).append('\n');
        }
        OwnerOnlyFiles.replace(path, csv.toString());
    }
}
