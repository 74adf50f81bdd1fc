package vn.congvu.gateway.recipients;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;

/**
 * The directory client of the directory module, configured from the CONGVU_LDAP_* variables (the embedded
 * directory of the default run when CONGVU_LDAP_URL is unset).
 */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "gateway.directory.enabled", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean
    DirectoryClient directoryClient() {
        return new DirectoryClient(DirectorySettings.fromEnvironment());
    }

    @Bean
    @ConditionalOnMissingBean
    RecipientResolver recipientResolver(org.springframework.beans.factory.ObjectProvider<DirectoryClient> directory) {
        DirectoryClient client = directory.getIfAvailable();
        return client == null ? new NumbersOnlyResolver() : new DirectoryRecipientResolver(client);
    }

    @Bean
    @ConditionalOnMissingBean
    SenderAuthenticator senderAuthenticator(org.springframework.beans.factory.ObjectProvider<DirectoryClient> directory) {
        DirectoryClient client = directory.getIfAvailable();
        if (client == null) {
            // no directory: nobody can log in, rather than everybody
            return (login, password) -> new SenderAuthenticator.Result(SenderAuthenticator.Outcome.UNAVAILABLE, null);
        }
        return new DirectorySenderAuthenticator(client);
    }
}
