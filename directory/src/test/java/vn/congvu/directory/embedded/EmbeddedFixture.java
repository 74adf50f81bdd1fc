package vn.congvu.directory.embedded;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.model.DirectoryLayout;

/** Embedded directories for tests: temporary data, a free port, the real config/ldap files. */
final class EmbeddedFixture {

    static final DirectoryLayout LAYOUT = DirectoryLayout.forDomain("example.gov.vn");

    private EmbeddedFixture() {
    }

    static EmbeddedSettings settings(Path home) {
        return new EmbeddedSettings(0, LAYOUT, home, ConfigFiles.resolve("ldap/congvu-schema.ldif"),
                ConfigFiles.resolve("ldap/base.ldif"), EmbeddedSettings.DEFAULT_MIN_COMPACTION_RECORDS);
    }

    static EmbeddedDirectory start(Path home) throws Exception {
        return EmbeddedDirectory.start(settings(home));
    }

    static String adminPassword(Path home) throws IOException {
        return Files.readString(settings(home).passwordFile(), StandardCharsets.UTF_8).strip();
    }

    static LDAPConnection admin(EmbeddedDirectory d) throws Exception {
        return new LDAPConnection("127.0.0.1", d.port(), d.rootDn(),
                Files.readString(d.passwordFile(), StandardCharsets.UTF_8).strip());
    }

    static LDAPConnection anonymous(EmbeddedDirectory d) throws LDAPException {
        return new LDAPConnection("127.0.0.1", d.port());
    }

    static String personDn(String uid) {
        return LAYOUT.personDn(uid);
    }

    /** An official as provisioning writes one: inetOrgPerson + congvuAccount. */
    static Entry person(String uid, String fullName, String userPassword) {
        Entry e = new Entry(personDn(uid));
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson", "congvuAccount");
        e.addAttribute("uid", uid);
        e.addAttribute("cn", fullName);
        e.addAttribute("sn", fullName.substring(fullName.lastIndexOf(' ') + 1));
        e.addAttribute("mail", uid + "@" + LAYOUT.domain());
        e.addAttribute("mobile", "8491" + String.format("%07d", Math.abs(uid.hashCode()) % 10_000_000));
        e.addAttribute("congvuAccountStatus", "active");
        if (userPassword != null) {
            e.addAttribute("userPassword", userPassword);
        }
        return e;
    }

    /** Salted SHA in the OpenLDAP layout, computed independently of the server's encoder. */
    static String saltedSha(String prefix, String algorithm, String password, int saltBytes) throws Exception {
        byte[] salt = new byte[saltBytes];
        new SecureRandom().nextBytes(salt);
        MessageDigest md = MessageDigest.getInstance(algorithm);
        md.update(password.getBytes(StandardCharsets.UTF_8));
        md.update(salt);
        byte[] digest = md.digest();
        byte[] all = new byte[digest.length + salt.length];
        System.arraycopy(digest, 0, all, 0, digest.length);
        System.arraycopy(salt, 0, all, digest.length, salt.length);
        return prefix + Base64.getEncoder().encodeToString(all);
    }

    /**
     * What a crash would leave on disk right now: acknowledged changes are fsynced, so copying the running
     * server's files gives exactly the state a power cut at this instant would leave (minus the lock).
     */
    static void copyDataAsIfCrashed(Path fromHome, Path toHome) throws IOException {
        Path from = fromHome.resolve("directory");
        Path to = toHome.resolve("directory");
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path p : files.toList()) {
                if (!p.getFileName().toString().equals("lock")) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
    }

    static Path journal(Path home) throws IOException {
        try (var files = Files.list(home.resolve("directory"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }
}
