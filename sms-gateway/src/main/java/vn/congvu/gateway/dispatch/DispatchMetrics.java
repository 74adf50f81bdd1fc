package vn.congvu.gateway.dispatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import vn.congvu.gateway.smpp.SmscRouter;
import vn.congvu.gateway.smpp.SmscSession;

/** What /actuator/prometheus shows of the sending side: counts, outbox depth, session state per account. */
@Component
public class DispatchMetrics {

    private final Counter submitted;
    private final Counter failed;
    private final Counter retried;

    public DispatchMetrics(MeterRegistry registry, SmscRouter router, DispatchQueue queue) {
        submitted = Counter.builder("congvu.sms.submitted").description("SMS parts acknowledged by an SMSC").register(registry);
        failed = Counter.builder("congvu.sms.failed").description("messages refused for good by an SMSC").register(registry);
        retried = Counter.builder("congvu.sms.retried").description("messages put back in the outbox for a later try").register(registry);
        Gauge.builder("congvu.sms.queue.depth", queue, DispatchQueue::queueDepth)
                .description("messages waiting in the outbox or being submitted").register(registry);
        for (SmscSession s : router.sessions()) {
            FunctionCounter.builder("congvu.sms.throttled", s, SmscSession::throttledCount)
                    .description("ESME_RTHROTTLED / ESME_RMSGQFUL answers").tag("smsc", s.name()).register(registry);
            Gauge.builder("congvu.smsc.bound", s, x -> x.canSubmit() ? 1 : 0)
                    .description("1 when the account can submit").tag("smsc", s.name()).register(registry);
        }
    }

    void submitted() {
        submitted.increment();
    }

    void failed() {
        failed.increment();
    }

    void retried() {
        retried.increment();
    }
}
