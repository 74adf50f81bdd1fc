package vn.congvu.mail.james;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import vn.congvu.directory.provisioning.InitialPassword;
import vn.congvu.directory.testing.Slapd;

/**
 * A real Debian slapd (the directory module's fixture) loaded with a few officials and groups, and
 * the environment that points the mail server at it.
 */
final class OfficialsDirectory {
    static final String DOMAIN = "example.gov.vn";
    static final String BASE = "dc=example,dc=gov,dc=vn";
    static final String PASSWORD = "Mật-khẩu-đúng-1";

    private OfficialsDirectory() {
    }

    static Slapd start(Path dir) throws Exception {
        Slapd slapd = Slapd.start(dir, DOMAIN);
        String hash = new InitialPassword().hash(PASSWORD);
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
        Path file = dir.resolveSibling("officials.ldif");
        Files.writeString(file, ldif.toString(), StandardCharsets.UTF_8);
        slapd.ldap("ldapadd", "-f", file.toString());
        return slapd;
    }

    static Map<String, String> mailServerEnvironment(Slapd slapd) {
        return Map.of(
            "CONGVU_MAIL_ACCOUNTS", "directory",
            "CONGVU_LDAP_URL", slapd.url(),
            "CONGVU_LDAP_BIND_DN", slapd.rootDn(),
            "CONGVU_LDAP_BIND_PASSWORD", Slapd.ROOT_PASSWORD,
            "CONGVU_DIRECTORY_RETRY_DELAY", "2s");
    }

    static String mail(String uid) {
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
