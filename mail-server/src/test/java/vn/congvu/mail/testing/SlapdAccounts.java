package vn.congvu.mail.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import vn.congvu.directory.testing.Slapd;

/**
 * The accounts of a test's mail servers, in one real slapd ({@link OfficialsDirectory}): in a static
 * {@code @RegisterExtension} field, started before the class's first test and stopped after its last; in an
 * instance field, a fresh one for each test (for tests that stop the directory). Its mail servers run on the
 * directory, as every deployment does: {@link MailServerProcess#createUser} adds an official to it. A mail server
 * started and stopped with it is {@link RunningMailServer}.
 */
public final class SlapdAccounts extends TestScope {
    private Path dir;
    private Slapd slapd;

    @Override
    void start() throws Exception {
        dir = Files.createTempDirectory("congvu-slapd");
        slapd = OfficialsDirectory.start(dir.resolve("slapd"));
    }

    @Override
    void stop() throws Exception {
        try {
            if (slapd != null) {
                slapd.close();
                slapd = null;
            }
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(file);
                    }
                }
                dir = null;
            }
        }
    }

    /** A fresh directory for a mail server's data (or a test's files), deleted with the directory's files. */
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

    /** More entries (officials, units, groups), in one ldapadd. */
    public void add(String ldif) throws IOException, InterruptedException {
        OfficialsDirectory.add(slapd, ldif);
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
