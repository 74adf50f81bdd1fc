package vn.congvu.mail.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * One official's mbsync configuration: channel {@code probe} lists the old server's folders (it checks the old
 * login on its own), channel {@code migrate} pulls new messages and flag changes into CongVu, creates folders there,
 * and never deletes, expunges or pushes anything. Passwords are read by PassCmd from owner-only files, never written
 * here. Sync state stays in the official's directory, so a second run copies only what is missing.
 */
final class MbsyncConfig {
    /** APPENDs in flight into CongVu: enough to keep the server's batched commits busy, little to buffer. */
    static final int PIPELINE_DEPTH = 16;
    static final String PROBE = "probe";
    static final String MIGRATE = "migrate";

    /** How to reach both sides; the same for every official of a run. */
    record Sides(OldServer old, Path oldCa, String masterName, Path masterPasswordFile, int congvuPort, Path congvuCa,
                 Path secretFile) {
    }

    private MbsyncConfig() {
    }

    static Path write(Path dir, MigrationList.Row row, Sides sides, Path oldPasswordFile) throws IOException {
        String oldUser = sides.masterName() == null ? row.oldLogin() : row.oldLogin() + "*" + sides.masterName();
        String congvuUser = MigrationSecret.loginFor(row.address());
        List<String> lines = new ArrayList<>(List.of(
            "# written by ./congvu migrate for " + row.address() + " on every run",
            "IMAPAccount old",
            "Host " + value(sides.old().host()),
            "Port " + sides.old().port(),
            "User " + value(oldUser),
            "PassCmd " + readCommand(oldPasswordFile),
            "SSLType " + (sides.old().implicitTls() ? "IMAPS" : "STARTTLS")));
        if (sides.oldCa() != null) {
            lines.add("CertificateFile " + path(sides.oldCa()));
        }
        lines.addAll(List.of(
            "",
            "IMAPStore old",
            "Account old",
            "",
            "IMAPAccount congvu",
            "Host 127.0.0.1",
            "Port " + sides.congvuPort(),
            "User " + value(congvuUser),
            "PassCmd " + readCommand(sides.secretFile()),
            "SSLType IMAPS",
            "CertificateFile " + path(sides.congvuCa()),
            // the migration login is a LOGIN (CongVu's AUTHENTICATE does not take it)
            "AuthMechs LOGIN",
            // mbsync's default pipelining has no bound: all of a mailbox's APPENDs at once, which the server
            // buffers (it reads ahead of its answers) until the session times out
            "PipelineDepth " + PIPELINE_DEPTH,
            "",
            "IMAPStore congvu",
            "Account congvu",
            "",
            "MaildirStore probe",
            "Path " + path(dir.resolve("probe")) + "/",
            "SubFolders Verbatim",
            "",
            "Channel " + PROBE,
            "Far :old:",
            "Near :probe:",
            "Patterns *",
            "",
            "Channel " + MIGRATE,
            "Far :old:",
            "Near :congvu:",
            "Patterns *",
            "Create Near",
            "Remove None",
            "Expunge None",
            "Sync Pull New Flags",
            "CopyArrivalDate yes",
            "SyncState " + path(dir.resolve("state")) + "/",
            ""));
        Path config = dir.resolve("mbsyncrc");
        Files.deleteIfExists(config);
        OwnerOnlyFiles.create(config, String.join("\n", lines));
        return config;
    }

    /** PassCmd runs through the shell: the file name in single quotes, inside mbsync's double quotes. */
    private static String readCommand(Path file) {
        return "\"cat '" + path(file) + "'\"";
    }

    private static String path(Path file) {
        String text = file.toAbsolutePath().toString();
        if (text.matches(".*['\"\\\\\\s].*")) {
            throw new IllegalArgumentException("mbsync cannot be given the path " + text + ": move it to one without quotes or spaces");
        }
        return text;
    }

    private static String value(String text) {
        if (text.matches(".*[\"\\\\\\r\\n].*")) {
            throw new IllegalArgumentException("'" + text + "' contains a quote, backslash or line break, which mbsync cannot take");
        }
        return text.contains(" ") ? "\"" + text + "\"" : text;
    }
}
