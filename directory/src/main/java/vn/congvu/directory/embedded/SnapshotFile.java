package vn.congvu.directory.embedded;

import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * The base snapshot: every entry as plain LDIF (an operator can read it, or load it into slapd with slapadd),
 * preceded by a comment naming the last journal generation it includes. Replaced atomically: written to a temporary
 * file, fsynced, renamed over the old one, directory fsynced.
 */
final class SnapshotFile {

    static final String NAME = "directory.ldif";
    private static final String HEADER = "# CongVu embedded directory snapshot. Includes journal generations up to ";

    private SnapshotFile() {
    }

    /** Writes the handler's entries; returns how many. The snapshot replaces the old one only once complete. */
    static int write(Path dir, long coveredGeneration, InMemoryRequestHandler data) throws IOException,
            LDAPException {
        return OwnerOnlyFiles.replace(dir.resolve(NAME), out -> {
            out.write((HEADER + coveredGeneration + "\n#\n").getBytes(StandardCharsets.UTF_8));
            LDIFWriter ldif = new LDIFWriter(out);
            int count = data.exportToLDIF(ldif, false, true, false);
            ldif.flush();
            return count;
        });
    }

    /** Journal generation the snapshot includes; 0 when there is no header (an LDIF put there by hand). */
    static long coveredGeneration(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first != null && first.startsWith(HEADER)) {
                try {
                    return Long.parseLong(first.substring(HEADER.length()).strip());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": unreadable snapshot header: " + first);
                }
            }
            return 0;
        }
    }

    static void readEntries(Path file, Schema schema, Consumer<Entry> sink) throws IOException {
        try (LDIFReader reader = new LDIFReader(file.toFile())) {
            reader.setSchema(schema);
            for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
                sink.accept(e);
            }
        } catch (LDIFException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
