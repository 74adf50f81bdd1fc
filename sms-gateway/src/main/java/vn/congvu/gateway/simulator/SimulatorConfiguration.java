package vn.congvu.gateway.simulator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The simulator runs when asked (on), or by default (auto) when no real SMSC host is given. */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

    @Bean
    @Conditional(Wanted.class)
    SimulatorLifecycle simulatorLifecycle(SimulatorProperties properties) {
        return new SimulatorLifecycle(properties);
    }

    /** Named so /actuator/health shows a "smscSimulator" component. */
    @Bean("smscSimulator")
    @Conditional(Wanted.class)
    SimulatorHealthIndicator smscSimulatorHealth(SimulatorLifecycle simulator) {
        return new SimulatorHealthIndicator(simulator);
    }

    static final class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String mode = context.getEnvironment().getProperty("gateway.simulator.mode", "auto").strip();
            if (mode.equalsIgnoreCase("on") || mode.equalsIgnoreCase("true")) {
                return true;
            }
            if (!mode.equalsIgnoreCase("auto")) {
                return false;
            }
            String host = context.getEnvironment().getProperty("CONGVU_SMSC_HOST");
            return host == null || host.isBlank();
        }
    }
}
