package vn.congvu.gateway.smpp;

import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bind to the SMSC up: binds, notices when the connection goes, and binds again after a
 * back-off. jsmpp itself never reconnects.
 */
final class SmscBind {

    private static final Logger log = LoggerFactory.getLogger(SmscBind.class);

    private final SmscAccount account;
    private final BindType type;
    private final MessageReceiverListener receiver;
    private final ScheduledExecutorService scheduler;
    private final ReconnectBackoff backoff;
    private volatile SMPPSession current;
    private volatile boolean stopped;
    private volatile String lastProblem = "not bound yet";
    private volatile int bindAttempts;

    SmscBind(SmscAccount account, BindType type, MessageReceiverListener receiver, ScheduledExecutorService scheduler) {
        this.account = account;
        this.type = type;
        this.receiver = receiver;
        this.scheduler = scheduler;
        this.backoff = new ReconnectBackoff(account.reconnectMin(), account.reconnectMax(), account.bindRefusedMin(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start() {
        scheduler.execute(this::bind);
    }

    /** The bound session, or null while there is none. */
    SMPPSession session() {
        SMPPSession s = current;
        return s != null && s.getSessionState().isBound() ? s : null;
    }

    boolean isBound() {
        return session() != null;
    }

    String describe() {
        return type + (isBound() ? " bound" : " down (" + lastProblem + ")");
    }

    int bindAttempts() {
        return bindAttempts;
    }

    private void bind() {
        if (stopped) {
            return;
        }
        bindAttempts++;
        SMPPSession s = new SMPPSession();
        s.setEnquireLinkTimer((int) account.enquireLink().toMillis());
        s.setTransactionTimer(account.responseTimeout().toMillis());
        if (receiver != null) {
            s.setMessageReceiverListener(receiver);
        }
        try {
            s.connectAndBind(account.host(), account.port(),
                    new BindParameter(type, account.systemId(), account.password(), account.systemType(),
                            TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                    account.bindTimeout().toMillis());
        } catch (IOException e) {
            s.close();
            Integer status = negativeStatus(e);
            boolean refused = status != null && CommandStatus.isBindRefusal(status);
            long delay = (refused ? backoff.afterRefusal() : backoff.afterFailure()).toMillis();
            lastProblem = status != null ? "bind refused: " + CommandStatus.describe(status) : e.getMessage();
            log.warn("SMSC {} {}: cannot bind ({}); next try in {} ms", account.name(), type, lastProblem, delay);
            schedule(delay);
            return;
        }
        if (stopped) {
            s.unbindAndClose();
            return;
        }
        current = s;
        backoff.reset();
        lastProblem = "";
        s.addSessionStateListener((newState, oldState, source) -> {
            if (!newState.isBound() && oldState.isBound()) {
                lost(s, newState);
            }
        });
        if (!s.getSessionState().isBound()) {
            lost(s, s.getSessionState());
            return;
        }
        log.info("SMSC {}: {} bound to {}:{} as {}", account.name(), type, account.host(), account.port(), account.systemId());
    }

    private void lost(SMPPSession s, SessionState state) {
        if (stopped || current != s) {
            return;
        }
        current = null;
        lastProblem = "connection lost (" + state + ")";
        long delay = backoff.afterFailure().toMillis();
        log.warn("SMSC {}: {} connection lost; binding again in {} ms", account.name(), type, delay);
        s.close();
        schedule(delay);
    }

    private void schedule(long delayMillis) {
        if (!stopped) {
            try {
                scheduler.schedule(this::bind, delayMillis, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    /** Unbinds cleanly (unbind, unbind_resp, close) so the SMSC does not keep a stale bind. */
    void stop() {
        stopped = true;
        SMPPSession s = current;
        current = null;
        if (s != null) {
            s.unbindAndClose();
        }
    }

    private static Integer negativeStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException n) {
                return n.getCommandStatus();
            }
        }
        return null;
    }
}
