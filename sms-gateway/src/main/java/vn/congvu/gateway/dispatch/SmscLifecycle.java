package vn.congvu.gateway.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.congvu.gateway.smpp.SmscRouter;
import vn.congvu.gateway.smpp.SmscSession;

/**
 * Binds after the web server and database are up, and on shutdown stops taking from the outbox, lets
 * outstanding submits finish, then unbinds every session.
 */
public final class SmscLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmscLifecycle.class);

    private final boolean enabled;
    private final SmscRouter router;
    private final Dispatcher dispatcher;
    private volatile boolean running;

    SmscLifecycle(boolean enabled, SmscRouter router, Dispatcher dispatcher) {
        this.enabled = enabled;
        this.router = router;
        this.dispatcher = dispatcher;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            log.warn("SMPP disabled (gateway.smpp.enabled=false): notices are stored but not sent");
            return;
        }
        router.sessions().forEach(SmscSession::start);
        dispatcher.start();
    }

    @Override
    public void stop() {
        running = false;
        dispatcher.close();
        router.sessions().forEach(SmscSession::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
