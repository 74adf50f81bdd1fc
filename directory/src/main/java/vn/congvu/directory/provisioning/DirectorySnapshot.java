package vn.congvu.directory.provisioning;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ldaptive.LdapEntry;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;

/**
 * What the directory holds before an import: read once (paged), so validating thousands of rows costs three
 * searches, not thousands.
 */
public final class DirectorySnapshot {

    /** A group and the normalised DNs of its direct members. */
    public record GroupState(String name, String mail, String dn, Set<String> members) {
    }

    final Map<String, Official> officialsByUid = new LinkedHashMap<>();
    final Map<String, String> uidByMail = new HashMap<>();
    final Map<String, Set<String>> uidsByMobile = new HashMap<>();
    final Map<String, GroupState> groups = new LinkedHashMap<>();
    final Map<String, String> groupByMail = new HashMap<>();
    final Map<String, Unit> unitsByCode = new LinkedHashMap<>();

    public static DirectorySnapshot read(DirectoryClient client) {
        DirectorySnapshot s = new DirectorySnapshot();
        var layout = client.layout();
        for (LdapEntry e : client.entries(layout.peopleDn(), "(objectClass=inetOrgPerson)", OfficialAttributes.READ)) {
            s.addOfficial(OfficialAttributes.toOfficial(e));
        }
        for (LdapEntry e : client.entries(layout.groupsDn(), "(objectClass=groupOfNames)", "cn", "mail", "member")) {
            Set<String> members = new HashSet<>();
            for (String m : e.getAttributeStringValues("member")) {
                members.add(dnKey(m));
            }
            String name = e.getAttributeStringValue("cn").toLowerCase(Locale.ROOT);
            String mail = e.getAttributeStringValue("mail");
            s.groups.put(name, new GroupState(name, mail, e.getDn(), members));
            if (mail != null) {
                s.groupByMail.put(mail.toLowerCase(Locale.ROOT), name);
            }
        }
        for (Unit u : client.allUnits()) {
            s.unitsByCode.put(u.code().toLowerCase(Locale.ROOT), u);
        }
        return s;
    }

    void addOfficial(Official o) {
        officialsByUid.put(o.uid().toLowerCase(Locale.ROOT), o);
        if (o.mail() != null) {
            uidByMail.put(o.mail().toLowerCase(Locale.ROOT), o.uid());
        }
        if (o.mobile() != null) {
            uidsByMobile.computeIfAbsent(o.mobile(), k -> new HashSet<>()).add(o.uid());
        }
    }

    public int officialCount() {
        return officialsByUid.size();
    }

    public List<Official> officials() {
        return List.copyOf(officialsByUid.values());
    }

    /** DNs compared without case and spaces after commas, as LDAP compares them for our attribute types. */
    static String dnKey(String dn) {
        return dn.toLowerCase(Locale.ROOT).replace(", ", ",");
    }
}
