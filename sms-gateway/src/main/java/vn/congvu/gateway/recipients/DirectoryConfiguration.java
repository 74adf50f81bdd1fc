package vn.congvu.gateway.recipients;

import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.signin.AccountPolicy;

/**
 * The directory client of the directory module, configured from the CONGVU_LDAP_* variables (the embedded
 * directory of the default run when CONGVU_LDAP_URL is unset). It is created on first use, so the gateway
 * starts, and keeps notices flowing for raw numbers, even before the directory has written its password.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnProperty(name = "gateway.directory.enabled", havingValue = "true", matchIfMissing = true)
    DirectoryClient directoryClient() {
        return new DirectoryClient(DirectorySettings.fromEnvironment());
    }

    @Bean
    RecipientResolver recipientResolver(ObjectProvider<DirectoryClient> directory,
                                        org.springframework.core.env.Environment env) {
        return enabled(env) ? new DirectoryRecipientResolver(access(directory)) : new NumbersOnlyResolver();
    }

    @Bean
    SenderAuthenticator senderAuthenticator(ObjectProvider<DirectoryClient> directory,
                                            org.springframework.core.env.Environment env, AuditLog audit) {
        if (!enabled(env)) {
            // no directory: nobody can log in, rather than everybody
            return (login, password, source) -> new SenderAuthenticator.Result(SenderAuthenticator.Outcome.UNAVAILABLE, null);
        }
        // the one sign-in policy of config/accounts/policy.properties; failures audited under $CONGVU_HOME/audit
        return new DirectorySenderAuthenticator(access(directory), AccountPolicy.load(), audit, Clock.systemUTC());
    }

    private static boolean enabled(org.springframework.core.env.Environment env) {
        return env.getProperty("gateway.directory.enabled", Boolean.class, true);
    }

    /** Each call retries creating the client until it succeeds once (Spring does not cache a failed creation). */
    private static Supplier<DirectoryClient> access(ObjectProvider<DirectoryClient> directory) {
        return directory::getObject;
    }
}
