package vn.congvu.mail.users;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.jpa.JPAUsersRepository;

/** James' accounts in the mail database (accounts="local"), answering "does it exist?" through {@link KnownAccounts}. */
public class CachedJpaUsersRepository extends JPAUsersRepository {
    private volatile KnownAccounts known = new KnownAccounts(java.time.Duration.ZERO);

    @Inject
    public CachedJpaUsersRepository(DomainList domainList) {
        super(domainList);
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        super.configure(config);
        known = KnownAccounts.fromConfiguration(config);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return known.contains(name, super::contains);
    }
}
