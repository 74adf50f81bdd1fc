package vn.congvu.gateway.audit;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.audit.AuditLog;

/**
 * The gateway's share of the one audit trail ({@code $CONGVU_HOME/audit}, read by the console's audit search):
 * sign-in failures of API clients, every notice accepted or refused, every directive alert taken in.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean(destroyMethod = "close")
    AuditLog auditLog(@Value("${congvu.home:./data}") String home) {
        return AuditLog.under(Path.of(home).toAbsolutePath(), "gateway");
    }
}
