package vn.congvu.gateway.dispatch;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.gateway.cluster.ClusterView;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.smpp.SmppProperties;
import vn.congvu.gateway.smpp.SmscRouter;

/** The dispatcher, started with the application after the SMSC sessions and stopped cleanly. */
@Configuration(proxyBeanMethods = false)
class DispatchConfiguration {

    @Bean
    SmscLifecycle smscLifecycle(SmppProperties properties, SmscRouter router, DispatchQueue queue, OutcomeStore outcomes,
                                SmsEncoder encoder, DispatchProperties dispatch, Clock clock, DispatchMetrics metrics,
                                ClusterView cluster) {
        return new SmscLifecycle(properties.enabled(), router,
                new Dispatcher(queue, outcomes, router, encoder, properties, dispatch, clock, metrics, cluster));
    }
}
