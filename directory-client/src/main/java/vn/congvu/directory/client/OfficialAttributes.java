package vn.congvu.directory.client;

import org.ldaptive.LdapEntry;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.Official;

/** The attributes CongVu reads and writes on an official's entry, and the mapping from an entry. */
public final class OfficialAttributes {

    public static final String STATUS = "congvuAccountStatus";
    public static final String MUST_CHANGE = "congvuPasswordMustChange";
    public static final String[] READ = {"uid", "cn", "sn", "givenName", "mail", "mobile", "ou", "title", STATUS, MUST_CHANGE};
    public static final String[] OBJECT_CLASSES = {"top", "person", "organizationalPerson", "inetOrgPerson", "congvuAccount"};

    private OfficialAttributes() {
    }

    public static Official toOfficial(LdapEntry e) {
        return new Official(
                e.getAttributeStringValue("uid"),
                e.getAttributeStringValue("cn"),
                e.getAttributeStringValue("mail"),
                e.getAttributeStringValue("mobile"),
                e.getAttributeStringValue("ou"),
                e.getAttributeStringValue("title"),
                AccountStatus.fromLdap(e.getAttributeStringValue(STATUS)),
                "TRUE".equalsIgnoreCase(e.getAttributeStringValue(MUST_CHANGE)));
    }
}
