package vn.congvu.directory.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where things live in the tree, derived from the mail domain (example.gov.vn → dc=example,dc=gov,dc=vn). */
public record DirectoryLayout(String domain, String baseDn) {

    public static DirectoryLayout forDomain(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new IllegalArgumentException("not a mail domain: '" + domain + "' (expected e.g. example.gov.vn)");
        }
        List<String> parts = new ArrayList<>();
        for (String label : d.split("\\.")) {
            parts.add("dc=" + label);
        }
        return new DirectoryLayout(d, String.join(",", parts));
    }

    public String peopleDn() {
        return "ou=people," + baseDn;
    }

    public String unitsDn() {
        return "ou=units," + baseDn;
    }

    public String groupsDn() {
        return "ou=groups," + baseDn;
    }

    /** uid values are validated to [a-z0-9._-] before any DN is built from them. */
    public String personDn(String uid) {
        return "uid=" + uid + "," + peopleDn();
    }

    public String groupDn(String name) {
        return "cn=" + name + "," + groupsDn();
    }

    public String groupMail(String name) {
        return name + "@" + domain;
    }

    /** The first DC label, the value of the base entry's {@code dc} attribute. */
    public String baseDc() {
        return domain.substring(0, domain.indexOf('.'));
    }
}
