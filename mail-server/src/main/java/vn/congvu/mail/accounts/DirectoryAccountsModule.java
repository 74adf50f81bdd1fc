package vn.congvu.mail.accounts;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.user.api.UsersRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;

import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.mail.directive.DirectiveDirectory;
import vn.congvu.mail.directive.LdapDirectiveDirectory;
import vn.congvu.mail.groups.DirectoryMailGroups;
import vn.congvu.mail.groups.MailGroups;
import vn.congvu.mail.locations.MailServerLocations;
import vn.congvu.mail.users.DirectoryConnection;
import vn.congvu.mail.users.DirectoryOutboundBlocks;
import vn.congvu.mail.users.DirectoryUsersRepository;
import vn.congvu.mail.users.KnownAccounts;
import vn.congvu.mail.users.OutboundBlocks;

/**
 * Accounts and groups from the LDAP directory ({@code accounts="directory"}, the default), through the
 * directory module's client configured like every CongVu process: CONGVU_LDAP_URL (several URLs,
 * space or comma separated, fail over), CONGVU_LDAP_BIND_DN, CONGVU_LDAP_BIND_PASSWORD, or the embedded
 * directory's admin password under CONGVU_HOME. Sign-ins follow the shared policy file
 * {@code config/accounts/policy.properties} (found through CONGVU_CONFIG / -Dcongvu.config), read once at start.
 */
public class DirectoryAccountsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DirectoryUsersRepository.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(DirectoryUsersRepository.class);
        bind(DirectoryMailGroups.class).in(Scopes.SINGLETON);
        bind(DirectiveDirectory.class).to(LdapDirectiveDirectory.class).in(Scopes.SINGLETON);
        bind(OutboundBlocks.class).to(DirectoryOutboundBlocks.class).in(Scopes.SINGLETON);
        bind(MailGroups.class).to(DirectoryMailGroups.class);
    }

    @Provides
    @Singleton
    KnownAccounts knownAccounts(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return KnownAccounts.fromConfiguration(configurationProvider.getConfiguration("usersrepository"));
    }

    @Provides
    @Singleton
    DirectoryConnection directoryConnection() {
        // Created and connected on first use: James starts, and answers "try later", while LDAP is
        // down or before the embedded directory has written its service password.
        return new DirectoryConnection(DirectorySettings::fromEnvironment);
    }

    @Provides
    @Singleton
    AuditLog auditLog() {
        // $CONGVU_HOME/audit, next to the console's and the gateway's records
        return AuditLog.under(MailServerLocations.from(System.getenv()).home(), "mail");
    }

    @Provides
    @Singleton
    AccountPolicy accountPolicy() {
        // Read once; a missing or bad key stops the start with its name (AccountPolicy's message).
        return AccountPolicy.load();
    }
}
