package vn.congvu.mail.directive;

import java.util.Optional;

import javax.inject.Inject;

import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;
import vn.congvu.mail.users.DirectoryConnection;

/** The LDAP directory, through the connection the accounts and groups use. */
public class LdapDirectiveDirectory implements DirectiveDirectory {
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
    public boolean isMember(String uid, String group) {
        return directory.client().isMember(uid, group);
    }

    @Override
    public Optional<Unit> unit(String code) {
        return directory.client().findUnit(code);
    }
}
