package vn.congvu.directory.model;

/** A groupOfNames under {@code ou=groups}: a distribution list and an SMS target. */
public record Group(String name, String mail, String dn) {

    /** Members of this group may raise directive alerts by mail. */
    public static final String DIRECTIVE_ISSUERS = "directive-issuers";
    /** Members of this group may send SMS notices. */
    public static final String NOTICE_SENDERS = "notice-senders";
}
