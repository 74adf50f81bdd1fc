package vn.congvu.directory.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * The root DN's password: generated once (256 random bits), kept in a file only its owner can read (600, in a 700
 * directory), and read back on every later start and by the clients of the default run.
 */
final class AdminPasswordFile {

    private AdminPasswordFile() {
    }

    static String readOrCreate(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        OwnerOnlyFiles.directory(dir);
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (existing.isEmpty()) {
                throw new IOException(file + " is empty: delete it to have a new admin password generated");
            }
            OwnerOnlyFiles.restrict(file);
            return existing;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);

        // Created 600 from the start and renamed into place, so the secret is never readable by others nor half-written.
        OwnerOnlyFiles.replace(file, password + "\n");
        return password;
    }
}
