package vn.congvu.gateway.simulator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Says loudly on /actuator/health that the SMSC is the simulator. */
class SimulatorHealthIndicator implements HealthIndicator {

    private final SimulatorLifecycle simulator;

    SimulatorHealthIndicator(SimulatorLifecycle simulator) {
        this.simulator = simulator;
    }

    @Override
    public Health health() {
        SmscSimulator s = simulator.simulator();
        if (s == null) {
            return Health.down().withDetail("warning", "SMSC simulator not running").build();
        }
        return Health.up()
                .withDetail("warning", "embedded SMSC simulator: SMS are NOT delivered to phones")
                .withDetail("address", "127.0.0.1:" + s.port())
                .withDetail("submits", s.submits())
                .build();
    }
}
