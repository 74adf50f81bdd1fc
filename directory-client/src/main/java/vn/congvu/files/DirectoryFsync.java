package vn.congvu.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** fsync of a directory, so a rename or a new file inside it survives a power loss, not only its contents. */
public final class DirectoryFsync {

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

    private DirectoryFsync() {
    }

    public static void force(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory; there a rename is as durable as it gets.
            if (!WINDOWS) {
                throw e;
            }
        }
    }
}
