package vn.congvu.mail.james;

import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.jpa.JPAUsersRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * Local accounts kept in the JPA store: the users repository when usersrepository.xml names no
 * directory (development and tests without LDAP).
 */
public class JpaUsersRepositoryModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(JPAUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(JPAUsersRepository.class);
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configurationProvider, JPAUsersRepository users) {
        return InitilizationOperationBuilder
            .forClass(JPAUsersRepository.class)
            .init(() -> users.configure(configurationProvider.getConfiguration("usersrepository")));
    }
}
