package vn.congvu.gateway.smpp;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * /actuator/health "smsc": UP when every account is bound, DEGRADED when only some are (failover carries the
 * traffic), DOWN when none is (notices are still accepted and kept in the outbox).
 */
@Component("smsc")
public class SmscHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED");

    private final SmscRouter router;

    public SmscHealthIndicator(SmscRouter router) {
        this.router = router;
    }

    @Override
    public Health health() {
        long up = router.sessions().stream().filter(SmscSession::fullyBound).count();
        long canSubmit = router.sessions().stream().filter(SmscSession::canSubmit).count();
        Health.Builder health = up == router.sessions().size() ? Health.up()
                : canSubmit > 0 ? Health.status(DEGRADED) : Health.down();
        router.sessions().forEach(s -> health.withDetail(s.name(), s.describe()));
        return health.build();
    }
}
