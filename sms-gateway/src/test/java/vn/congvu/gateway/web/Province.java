package vn.congvu.gateway.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.congvu.directory.client.ConfigFiles;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.password.SaltedSha;
import vn.congvu.directory.testing.Slapd;

/**
 * A real Debian slapd with the CongVu base tree (config/ldap/base.ldif) and a small province: units with
 * Vietnamese names, officials whose names share words and use đ, one without a mobile, one disabled, a group
 * and a notice sender.
 */
public final class Province {

    public static final String DOMAIN = "example.gov.vn";
    public static final String BASE = "dc=example,dc=gov,dc=vn";
    public static final String PASSWORD = "Mật-khẩu-1";
    /** Member of notice-senders. */
    public static final String SENDER = "an";
    /** An official who may not send. */
    public static final String OFFICIAL = "binh";
    /** lanh-dao: an, binh, dat have mobiles; chi has none. */
    public static final String GROUP = "lanh-dao";

    private Province() {
    }

    public static Slapd start() throws Exception {
        Path dir = Files.createTempDirectory("congvu-province");
        dir.toFile().deleteOnExit();
        Slapd slapd = Slapd.start(dir.resolve("slapd"), DOMAIN);
        String hash = SaltedSha.SSHA.hash(PASSWORD);
        String ldif = Files.readString(ConfigFiles.resolve("ldap/base.ldif"), StandardCharsets.UTF_8)
                + "\n" + unit("tinh", "ou=units," + BASE, "Tỉnh Quảng Ngãi")
                + unit("so-noi-vu", "ou=tinh,ou=units," + BASE, "Sở Nội vụ")
                + unit("phong-to-chuc", "ou=so-noi-vu,ou=tinh,ou=units," + BASE, "Phòng Tổ chức")
                + person("an", "Nguyễn Văn An", "84912000001", "so-noi-vu", "Chánh Văn phòng", "active", hash)
                + person("binh", "Trần Thị Bình", "84983000002", "phong-to-chuc", "Chuyên viên", "active", hash)
                + person("dat", "Đỗ Văn Đạt", "84356000003", "tinh", "Phó Chủ tịch", "active", hash)
                + person("chi", "Lê Văn Chí", null, "so-noi-vu", "Chuyên viên", "active", hash)
                + person("dung", "Phạm Dũng", "84356000004", "tinh", "Chuyên viên", "disabled", hash)
                + person("tuan", "Nguyễn Văn Tuấn", "84977000005", "phong-to-chuc", "Trưởng phòng", "active", hash)
                + "dn: cn=" + GROUP + ",ou=groups," + BASE + "\nobjectClass: groupOfNames\nobjectClass: congvuMailGroup\n"
                + "cn: " + GROUP + "\nmail: " + GROUP + "@" + DOMAIN + "\ndescription: Lãnh đạo Tỉnh ủy\n"
                + member("an") + member("binh") + member("dat") + member("chi") + "\n";
        Path file = dir.resolve("province.ldif");
        Files.writeString(file, ldif, StandardCharsets.UTF_8);
        slapd.ldap("ldapadd", "-f", file.toString());
        Path senders = dir.resolve("senders.ldif");
        Files.writeString(senders, "dn: cn=notice-senders,ou=groups," + BASE + "\nchangetype: modify\nadd: member\n"
                + member(SENDER) + "\n", StandardCharsets.UTF_8);
        slapd.ldap("ldapmodify", "-f", senders.toString());
        return slapd;
    }

    public static DirectoryClient client(Slapd slapd) {
        return new DirectoryClient(slapd.settings());
    }

    public static String mail(String uid) {
        return uid + "@" + DOMAIN;
    }

    private static String member(String uid) {
        return "member: uid=" + uid + ",ou=people," + BASE + "\n";
    }

    private static String unit(String code, String parentDn, String name) {
        return "dn: ou=" + code + "," + parentDn + "\nobjectClass: organizationalUnit\nou: " + code
                + "\ndescription: " + name + "\n\n";
    }

    private static String person(String uid, String cn, String mobile, String unit, String title, String status,
                                 String hash) {
        return "dn: uid=" + uid + ",ou=people," + BASE + "\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\n"
                + "uid: " + uid + "\ncn: " + cn + "\nsn: " + cn.split(" ")[0] + "\ngivenName: " + cn.substring(cn.lastIndexOf(' ') + 1)
                + "\nmail: " + mail(uid) + "\nou: " + unit + "\ntitle: " + title + "\n"
                + (mobile == null ? "" : "mobile: " + mobile + "\n")
                + "userPassword: " + hash + "\ncongvuAccountStatus: " + status + "\n\n";
    }
}
