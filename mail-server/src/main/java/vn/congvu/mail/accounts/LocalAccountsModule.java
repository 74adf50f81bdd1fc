package vn.congvu.mail.accounts;

import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

import vn.congvu.mail.directive.DirectiveDirectory;
import vn.congvu.mail.directive.NoDirectiveDirectory;
import vn.congvu.mail.groups.MailGroups;
import vn.congvu.mail.groups.NoMailGroups;
import vn.congvu.mail.users.CachedJpaUsersRepository;
import vn.congvu.mail.users.MemoryOutboundBlocks;
import vn.congvu.mail.users.OutboundBlocks;

/**
 * Accounts local to the JPA database and no groups: {@code accounts="local"} in usersrepository.xml,
 * for development and for tests that do not need a directory.
 */
// Not Modules.override(JPAUsersRepositoryModule): James 3.8.1 publishes it only in the unpublished jpa-app.
public class LocalAccountsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CachedJpaUsersRepository.class).in(Scopes.SINGLETON);
        bind(JPAUsersRepository.class).to(CachedJpaUsersRepository.class);
        bind(UsersRepository.class).to(CachedJpaUsersRepository.class);
        bind(DirectiveDirectory.class).to(NoDirectiveDirectory.class).in(Scopes.SINGLETON);
        bind(OutboundBlocks.class).to(MemoryOutboundBlocks.class).in(Scopes.SINGLETON);
        bind(MailGroups.class).to(NoMailGroups.class).in(Scopes.SINGLETON);
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configurationProvider, CachedJpaUsersRepository users) {
        // The class James built (not its superclass): it is what ties this to the start order, before the spool.
        return InitilizationOperationBuilder
            .forClass(CachedJpaUsersRepository.class)
            .init(() -> users.configure(configurationProvider.getConfiguration("usersrepository")));
    }
}
