package vn.congvu.mail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import vn.congvu.directory.testing.Slapd;

/**
 * The accounts of a test class's mail servers, in one real slapd ({@link OfficialsDirectory}) started before the
 * class's first test and stopped after its last (a static {@code @RegisterExtension} field). Its mail servers run
 * on the directory, as every deployment does: {@link MailServerProcess#createUser} adds an official to it.
 */
public final class SlapdAccounts implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private Slapd slapd;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("congvu-slapd");
        slapd = OfficialsDirectory.start(dir.resolve("slapd"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (slapd != null) {
            slapd.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A fresh directory for a mail server's data, deleted with the directory's files after the class's last test. */
    public Path newHome(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    /** A mail server (not started) whose accounts are this directory's officials. */
    public MailServerProcess mailServer(Path home, Map<String, String> environment) {
        return new MailServerProcess(home, environment, slapd);
    }

    public MailServerProcess mailServer(Path home) {
        return mailServer(home, Map.of());
    }

    /** The directory itself, for tests that change or read officials' entries ({@link OfficialsDirectory}). */
    public Slapd slapd() {
        return slapd;
    }

    /** A mail group of {@code size} new officials, {@code prefix.0} to {@code prefix.<size-1>}; their addresses. */
    public List<String> addGroupOfNewOfficials(String group, String prefix, int size, String password)
            throws IOException, InterruptedException {
        List<String> members = IntStream.range(0, size).mapToObj(i -> MailServerProcess.address(prefix + "." + i)).toList();
        OfficialsDirectory.addOfficials(slapd, members, password);
        OfficialsDirectory.addGroup(slapd, group, members);
        return members;
    }
}
