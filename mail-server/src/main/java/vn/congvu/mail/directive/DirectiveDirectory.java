package vn.congvu.mail.directive;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;

/**
 * What recognising a directive and addressing its alerts asks of the directory. Every method may throw
 * {@link vn.congvu.directory.client.DirectoryUnavailableException}: the mail is then retried later.
 */
public interface DirectiveDirectory {

    Optional<Official> official(String mail);

    /** The officials among these addresses, keyed by lower-case mail (a large group: a few searches, not one each). */
    Map<String, Official> officials(Collection<String> mails);

    /** Member of the group directly or through nested groups. */
    boolean isMember(String uid, String group);

    Optional<Unit> unit(String code);
}
