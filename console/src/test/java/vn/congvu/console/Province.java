package vn.congvu.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.AttributeModification;
import org.ldaptive.LdapAttribute;
import org.ldaptive.ModifyOperation;
import org.ldaptive.ModifyRequest;
import org.ldaptive.ModifyResponse;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.embedded.EmbeddedDirectory;
import vn.congvu.directory.embedded.EmbeddedSettings;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.password.SaltedSha;

/**
 * The embedded directory of the default run, on a free port and a temporary home, with the officials the console's
 * tests sign in as, and the sign-in policy file of {@code config/} with a lockout after {@link #ATTEMPTS} failures.
 */
public final class Province implements AutoCloseable {

    public static final DirectoryLayout LAYOUT = DirectoryLayout.forDomain("example.gov.vn");
    public static final int ATTEMPTS = 3;
    public static final String UNIT = "VP-UBND";

    private final Path home;
    private final EmbeddedDirectory directory;
    private final Path policyFile;

    private Province(Path home) throws Exception {
        this.home = home;
        this.directory = EmbeddedDirectory.start(new EmbeddedSettings(0, LAYOUT, home,
                ConfigFiles.resolve("ldap/congvu-schema.ldif"), ConfigFiles.resolve("ldap/base.ldif"),
                EmbeddedSettings.DEFAULT_MIN_COMPACTION_RECORDS));
        this.policyFile = home.resolve("policy.properties");
        String policy = Files.readString(ConfigFiles.resolve("accounts/policy.properties"), StandardCharsets.UTF_8);
        String small = policy.replaceAll("(?m)^lockout\\.attempts=.*$", "lockout.attempts=" + ATTEMPTS);
        if (small.equals(policy) && !policy.contains("lockout.attempts=" + ATTEMPTS)) {
            throw new IllegalStateException("config/accounts/policy.properties has no lockout.attempts line");
        }
        Files.writeString(policyFile, small, StandardCharsets.UTF_8);
    }

    private static Province shared;

    /** The directory of the whole test run, started on first use and closed when the JVM ends. */
    public static synchronized Province shared() {
        if (shared == null) {
            try {
                Files.createDirectories(Path.of("target"));
                shared = new Province(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "province-"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded directory", e);
            }
            Province started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending: nothing is left to tell
                }
            }, "province-close"));
        }
        return shared;
    }

    public Path policyFile() {
        return policyFile;
    }

    /** The console's CONGVU_HOME: its audit records go to {@code audit/} here. */
    public Path home() {
        return home;
    }

    /** A client as the console's own: the service account, password from the embedded home. */
    public DirectoryClient client() {
        return new DirectoryClient(DirectorySettings.fromEnvironment(Map.of(
                "CONGVU_HOME", home.toString(),
                "CONGVU_LDAP_PORT", String.valueOf(directory.port()),
                "CONGVU_DOMAIN", LAYOUT.domain())));
    }

    public static String mail(String uid) {
        return uid + "@" + LAYOUT.domain();
    }

    /**
     * What another process (the gateway of a test) needs to reach this directory as the service account:
     * CONGVU_LDAP_URL, CONGVU_LDAP_BIND_PASSWORD and CONGVU_DOMAIN.
     */
    public Map<String, String> ldapEnvironment() throws IOException {
        return Map.of("CONGVU_LDAP_URL", "ldap://127.0.0.1:" + directory.port(),
                "CONGVU_LDAP_BIND_PASSWORD", Files.readString(home.resolve(DirectorySettings.EMBEDDED_PASSWORD_FILE),
                        StandardCharsets.UTF_8).strip(),
                "CONGVU_DOMAIN", LAYOUT.domain());
    }

    /** An official as provisioning writes one; returns the DN. */
    public String addOfficial(DirectoryClient client, String uid, String fullName, String password,
                              boolean mustChange) throws Exception {
        return addOfficial(client, uid, fullName, password, mustChange, null);
    }

    /** An official as provisioning writes one, with a mobile number (84…) unless null; returns the DN. */
    public String addOfficial(DirectoryClient client, String uid, String fullName, String password,
                              boolean mustChange, String mobile) throws Exception {
        List<LdapAttribute> attributes = new ArrayList<>(List.of(
                new LdapAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson",
                        "congvuAccount"),
                new LdapAttribute("uid", uid),
                new LdapAttribute("cn", fullName),
                new LdapAttribute("sn", fullName.substring(0, fullName.indexOf(' '))),
                new LdapAttribute("mail", mail(uid)),
                new LdapAttribute("ou", UNIT),
                new LdapAttribute("title", "Chuyên viên"),
                new LdapAttribute("congvuAccountStatus", "active"),
                new LdapAttribute("userPassword", SaltedSha.SSHA.hash(password))));
        if (mustChange) {
            attributes.add(new LdapAttribute("congvuPasswordMustChange", "TRUE"));
        }
        if (mobile != null) {
            attributes.add(new LdapAttribute("mobile", mobile));
        }
        String dn = LAYOUT.personDn(uid);
        check(new AddOperation(client.connectionFactory()).execute(new AddRequest(dn, attributes)));
        return dn;
    }

    /** Adds the official to a group under ou=groups, creating the group (groupOfNames) when missing. */
    public void addToGroup(DirectoryClient client, String uid, String group) throws Exception {
        String dn = "cn=" + group + "," + LAYOUT.groupsDn();
        if (client.findGroup(group).isEmpty()) {
            check(new AddOperation(client.connectionFactory()).execute(new AddRequest(dn, List.of(
                    new LdapAttribute("objectClass", "top", "groupOfNames"),
                    new LdapAttribute("cn", group),
                    new LdapAttribute("member", LAYOUT.personDn(uid))))));
            return;
        }
        ModifyResponse r = new ModifyOperation(client.connectionFactory()).execute(new ModifyRequest(dn,
                new AttributeModification(AttributeModification.Type.ADD,
                        new LdapAttribute("member", LAYOUT.personDn(uid)))));
        if (!r.isSuccess()) {
            throw new IllegalStateException(r.toString());
        }
    }

    /** A mail group (groupOfNames + congvuMailGroup) with a description, as notices address them. */
    public void addGroup(DirectoryClient client, String group, String description, String... uids) throws Exception {
        List<String> members = java.util.Arrays.stream(uids).map(LAYOUT::personDn).toList();
        check(new AddOperation(client.connectionFactory()).execute(new AddRequest("cn=" + group + ","
                + LAYOUT.groupsDn(), List.of(
                new LdapAttribute("objectClass", "top", "groupOfNames", "congvuMailGroup"),
                new LdapAttribute("cn", group),
                new LdapAttribute("mail", mail(group)),
                new LdapAttribute("description", description),
                new LdapAttribute("member", members.toArray(String[]::new))))));
    }

    private static void check(AddResponse r) {
        if (!r.isSuccess()) {
            throw new IllegalStateException(r.toString());
        }
    }

    @Override
    public void close() throws IOException {
        directory.close();
    }
}
