package vn.congvu.console.signin;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.audit.AuditLog;
import vn.congvu.audit.AuditTrail;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * The directory client from the CONGVU_LDAP_* variables (the embedded directory of the default run when
 * CONGVU_LDAP_URL is unset; the launcher starts the console after it, so its password file is there; connections
 * are opened on first use, so a directory down at start only fails sign-ins until it is back); and the one sign-in
 * policy on {@code config/accounts/policy.properties}, read at start (a bad key stops it), writing to the audit log.
 */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    @Bean(destroyMethod = "close")
    DirectoryClient directoryClient() {
        return new DirectoryClient(DirectorySettings.fromEnvironment());
    }

    @Bean
    AccountPolicy accountPolicy(@Value("${console.policy-file:}") String file) {
        return file.isBlank() ? AccountPolicy.load() : AccountPolicy.load(Path.of(file));
    }

    /** $CONGVU_HOME/audit, next to the mail server's and the gateway's records. */
    @Bean(destroyMethod = "close")
    AuditLog auditLog(@Value("${congvu.home}") String home) {
        return AuditLog.under(Path.of(home).toAbsolutePath(), "console");
    }

    /** The records of every process under the same directory, for the audit page and API. */
    @Bean
    AuditTrail auditTrail(AuditLog auditLog) {
        return new AuditTrail(auditLog.directory());
    }

    @Bean
    SignInPolicy signInPolicy(DirectoryClient directory, AccountPolicy policy, Clock clock, AuditLog audit) {
        return new SignInPolicy(directory, policy, clock, audit);
    }
}
