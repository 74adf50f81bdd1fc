package vn.congvu.gateway.smpp;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.gateway.cluster.ClusterView;

/** The SMSC sessions and their router; the dispatch package starts and stops them. */
@Configuration(proxyBeanMethods = false)
class SmppConfiguration {

    /** Validated here so that a bad brandname stops the start instead of every submit. */
    @Bean
    Brandname brandname(SmppProperties properties) {
        return new Brandname(properties.brandname());
    }

    @Bean(destroyMethod = "")
    List<SmscSession> smscSessions(SmppProperties properties, Brandname brandname, ReceiptListener receipts,
                                   ClusterView cluster) {
        if (properties.accounts().isEmpty()) {
            throw new IllegalStateException("no SMSC account configured under gateway.smpp.accounts");
        }
        return properties.accounts().stream()
                .map(a -> new SmscSession(a, brandname, properties, receipts, new SharedSendRate(a.tps(), cluster)))
                .toList();
    }

    @Bean
    SmscRouter smscRouter(List<SmscSession> smscSessions) {
        return new SmscRouter(smscSessions);
    }
}
