package vn.congvu.mail.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import vn.congvu.directory.password.SaltedSha;
import vn.congvu.directory.testing.Slapd;

/**
 * A real Debian slapd (the directory module's fixture) loaded with a few officials and groups, and
 * the environment that points the mail server at it.
 */
public final class OfficialsDirectory {
    public static final String DOMAIN = "example.gov.vn";
    public static final String BASE = "dc=example,dc=gov,dc=vn";
    public static final String PASSWORD = "Mật-khẩu-đúng-1";

    private OfficialsDirectory() {
    }

    public static Slapd start(Path dir) throws Exception {
        Slapd slapd = Slapd.start(dir, DOMAIN);
        String hash = SaltedSha.SSHA.hash(PASSWORD);
        StringBuilder ldif = new StringBuilder()
            .append(ou("people")).append(ou("groups")).append(ou("units"))
            .append(person("an", "Nguyễn Văn An", "active", hash))
            .append(person("binh", "Trần Thị Bình", "active", hash))
            .append(person("cuong", "Lê Văn Cường", "active", hash))
            .append(person("dung", "Phạm Dũng", "disabled", hash))
            // van-phong ⊃ lanh-dao ⊃ van-phong: nested, with a cycle; dung is disabled.
            .append(group("van-phong", "vanphong", "uid=binh,ou=people," + BASE, "uid=dung,ou=people," + BASE,
                "cn=lanh-dao,ou=groups," + BASE))
            .append(group("lanh-dao", "lanhdao", "uid=cuong,ou=people," + BASE, "uid=binh,ou=people," + BASE,
                "cn=van-phong,ou=groups," + BASE));
        load(slapd, "ldapadd", ldif.toString());
        return slapd;
    }

    /**
     * An active official whose mail address and login is {@code address}, as provisioning writes one: added, or
     * given this password when the entry is there already (as WebAdmin's PUT does for a local account).
     */
    public static void addOfficial(Slapd slapd, String address, String password) throws IOException, InterruptedException {
        String uid = uid(address);
        String hash = SaltedSha.SSHA.hash(password);
        boolean exists = !slapd.ldap("ldapsearch", "-LLL", "-b", "ou=people," + BASE, "(uid=" + uid + ")", "dn").isBlank();
        if (exists) {
            load(slapd, "ldapmodify", "dn: uid=" + uid + ",ou=people," + BASE
                + "\nchangetype: modify\nreplace: userPassword\nuserPassword: " + hash + "\n");
        } else {
            load(slapd, "ldapadd", person(uid, uid, "active", hash));
        }
    }

    /** Changes the entry of the official {@code address}: {@code changes} is the LDIF after "changetype: modify". */
    public static void modifyOfficial(Slapd slapd, String address, String changes) throws IOException, InterruptedException {
        load(slapd, "ldapmodify", "dn: " + dn(address) + "\nchangetype: modify\n" + changes + (changes.endsWith("\n") ? "" : "\n"));
    }

    /** The values of an attribute of the official {@code address}, as ldapsearch prints them; empty when absent. */
    public static List<String> attribute(Slapd slapd, String address, String attribute) throws IOException, InterruptedException {
        String ldif = slapd.ldap("ldapsearch", "-LLL", "-o", "ldif-wrap=no", "-b", dn(address), "-s", "base",
            "(objectClass=*)", attribute);
        String prefix = attribute.toLowerCase(java.util.Locale.ROOT) + ": ";
        return ldif.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith(prefix))
            .map(line -> line.substring(prefix.length())).toList();
    }

    /** The DN of the official whose mail address is {@code address}. */
    public static String dn(String address) {
        return "uid=" + uid(address) + ",ou=people," + BASE;
    }

    /** New active officials with one password, in one ldapadd. */
    public static void addOfficials(Slapd slapd, List<String> addresses, String password) throws IOException, InterruptedException {
        String hash = SaltedSha.SSHA.hash(password);
        StringBuilder ldif = new StringBuilder();
        for (String address : addresses) {
            ldif.append(person(uid(address), uid(address), "active", hash));
        }
        load(slapd, "ldapadd", ldif.toString());
    }

    /** A mail group whose members are these officials. */
    public static void addGroup(Slapd slapd, String address, List<String> members) throws IOException, InterruptedException {
        String[] dns = members.stream().map(member -> "uid=" + uid(member) + ",ou=people," + BASE).toArray(String[]::new);
        load(slapd, "ldapadd", group(uid(address), uid(address), dns));
    }

    private static String uid(String address) {
        if (!address.endsWith("@" + DOMAIN)) {
            throw new IllegalArgumentException(address + " is not an address of " + DOMAIN);
        }
        return address.substring(0, address.length() - DOMAIN.length() - 1);
    }

    /** Entries of any kind, in one ldapadd. */
    public static void add(Slapd slapd, String ldif) throws IOException, InterruptedException {
        load(slapd, "ldapadd", ldif);
    }

    private static void load(Slapd slapd, String tool, String ldif) throws IOException, InterruptedException {
        Path file = Files.createTempFile("congvu-officials", ".ldif");
        try {
            Files.writeString(file, ldif, StandardCharsets.UTF_8);
            slapd.ldap(tool, "-f", file.toString());
        } finally {
            Files.delete(file);
        }
    }

    public static Map<String, String> mailServerEnvironment(Slapd slapd) {
        return Map.of(
            "CONGVU_MAIL_ACCOUNTS", "directory",
            "CONGVU_LDAP_URL", slapd.url(),
            "CONGVU_LDAP_BIND_DN", slapd.rootDn(),
            "CONGVU_LDAP_BIND_PASSWORD", Slapd.ROOT_PASSWORD,
            "CONGVU_DIRECTORY_RETRY_DELAY", "2s");
    }

    public static String mail(String uid) {
        return uid + "@" + DOMAIN;
    }

    private static String ou(String name) {
        return "dn: ou=" + name + "," + BASE + "\nobjectClass: organizationalUnit\nou: " + name + "\n\n";
    }

    private static String person(String uid, String cn, String status, String hash) {
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\n"
            + "uid: " + uid + "\ncn: " + cn + "\nsn: " + cn.split(" ")[0] + "\nmail: " + mail(uid) + "\n"
            + "userPassword: " + hash + "\ncongvuAccountStatus: " + status + "\n\n";
    }

    private static String group(String cn, String localPart, String... members) {
        StringBuilder entry = new StringBuilder("dn: cn=" + cn + ",ou=groups," + BASE
            + "\nobjectClass: groupOfNames\nobjectClass: congvuMailGroup\ncn: " + cn + "\nmail: " + mail(localPart) + "\n");
        for (String member : members) {
            entry.append("member: ").append(member).append('\n');
        }
        return entry.append('\n').toString();
    }
}
