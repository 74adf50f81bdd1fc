package vn.congvu.mail.directive;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.ldaptive.FilterTemplate;
import org.ldaptive.LdapEntry;

import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;
import vn.congvu.mail.users.DirectoryConnection;

/** The LDAP directory, through the connection the accounts and groups use. */
public class LdapDirectiveDirectory implements DirectiveDirectory {
    /** Addresses per search: short filters every server accepts. */
    private static final int CHUNK = 100;
    private final DirectoryConnection directory;

    @Inject
    public LdapDirectiveDirectory(DirectoryConnection directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Official> official(String mail) {
        return directory.client().findByMail(mail);
    }

    @Override
    public Map<String, Official> officials(Collection<String> mails) {
        DirectoryClient client = directory.client();
        List<String> all = List.copyOf(mails);
        Map<String, Official> found = new HashMap<>();
        Set<String> shared = new HashSet<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            StringBuilder filter = new StringBuilder("(&(objectClass=inetOrgPerson)(|");
            all.subList(from, Math.min(all.size(), from + CHUNK))
                .forEach(mail -> filter.append("(mail=").append(FilterTemplate.encodeValue(mail)).append(')'));
            filter.append("))");
            for (LdapEntry entry : client.entries(client.layout().peopleDn(), filter.toString(), OfficialAttributes.READ)) {
                Official official = OfficialAttributes.toOfficial(entry);
                String key = official.mail().toLowerCase(Locale.ROOT);
                if (found.putIfAbsent(key, official) != null) {
                    shared.add(key);
                }
            }
        }
        // Two entries with one mail is a data error: neither is taken to own the mailbox (as findByMail).
        shared.forEach(found::remove);
        return found;
    }

    @Override
    public boolean isMember(String uid, String group) {
        return directory.client().isMember(uid, group);
    }

    @Override
    public Optional<Unit> unit(String code) {
        return directory.client().findUnit(code);
    }
}
