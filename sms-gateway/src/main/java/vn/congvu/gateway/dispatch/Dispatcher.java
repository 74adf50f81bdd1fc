package vn.congvu.gateway.dispatch;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.gateway.cluster.ClusterView;
import vn.congvu.gateway.encoding.Alphabet;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.smpp.SmppProperties;
import vn.congvu.gateway.smpp.SmscRouter;
import vn.congvu.gateway.smpp.SmscSession;
import vn.congvu.gateway.smpp.SubmitOutcome;
import vn.congvu.gateway.smpp.Submission;

/**
 * Drains the outbox into the SMSC sessions: takes due messages, routes each to an account and submits
 * its parts, writing every acknowledgement to the outbox as it comes.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DispatchQueue queue;
    private final OutcomeWriter writer;
    private final SmscRouter router;
    private final SmsEncoder encoder;
    private final SmppProperties smpp;
    private final DispatchProperties properties;
    private final Clock clock;
    private final DispatchMetrics metrics;
    private final ClusterView cluster;
    private final int capacity;
    /** At or below this many queued messages the loop claims more. */
    private final int refillAt;
    private final ExecutorService workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object signal = new Object();
    private volatile boolean running;
    /** Set by wakeUp: a notice stored or a slot freed between a claim and the wait is not missed. */
    private boolean nudged;
    private Thread loop;
    private volatile Encoded lastEncoded;

    public Dispatcher(DispatchQueue queue, OutcomeStore outcomes, SmscRouter router, SmsEncoder encoder, SmppProperties smpp,
                      DispatchProperties properties, Clock clock, DispatchMetrics metrics, ClusterView cluster) {
        this.queue = queue;
        this.writer = new OutcomeWriter(outcomes);
        this.router = router;
        this.encoder = encoder;
        this.smpp = smpp;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.cluster = cluster;
        // one worker per window slot: each blocks in a synchronous submit_sm while the others are outstanding
        this.capacity = router.sessions().stream().mapToInt(s -> s.account().window()).sum();
        this.refillAt = capacity + properties.batchSize() / 2;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(capacity, r -> {
            Thread t = new Thread(r, "smpp-submit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        releaseOrphans();
        // a gateway that left (or was killed) leaves messages SENDING: put them back for the living
        cluster.onChange(left -> {
            releaseOrphans();
            wakeUp();
        });
        running = true;
        loop = new Thread(this::run, "outbox-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    private void releaseOrphans() {
        try {
            int released = queue.releaseClaimsExcept(cluster.liveNodes());
            if (released > 0) {
                log.info("outbox: {} message(s) left in flight by a stopped gateway go out again (acknowledged parts are kept)",
                        released);
            }
        } catch (RuntimeException e) {
            log.error("outbox: cannot release messages of stopped gateways: {}", e.toString());
        }
    }

    /** A notice was stored: look now rather than at the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void run() {
        while (running) {
            try {
                // keep up to a batch queued behind the window, refilled when half of it is gone: one outbox
                // query then feeds hundreds of submits
                int queued = inFlight.get();
                boolean anyUp = router.sessions().stream().anyMatch(SmscSession::canSubmit);
                List<ClaimedMessage> batch = queued <= refillAt && anyUp
                        ? queue.claimReady(capacity + properties.batchSize() - queued, cluster.nodeId(), cluster.size(),
                        cluster.index()) : List.of();
                for (ClaimedMessage m : batch) {
                    inFlight.incrementAndGet();
                    workers.execute(() -> {
                        try {
                            send(m);
                        } finally {
                            // wake the loop when it is time to refill, not after every message
                            int left = inFlight.decrementAndGet();
                            if (left == refillAt || left == 0) {
                                wakeUp();
                            }
                        }
                    });
                }
                if (batch.isEmpty()) {
                    synchronized (signal) {
                        if (!nudged) {
                            signal.wait(properties.idlePoll().toMillis());
                        }
                        nudged = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("outbox dispatcher: {}", e.toString(), e);
                sleepQuietly(properties.idlePoll().toMillis());
            }
        }
    }

    void send(ClaimedMessage m) {
        long now = clock.millis();
        try {
            if (now - m.createdAt() > smpp.validity().toMillis()) {
                writer.write(new Outcome.Failed(m.id(), "not accepted by any SMSC within the validity period of " + smpp.validity()));
                return;
            }
            Optional<SmscSession> routed = router.route(m.recipient());
            if (routed.isEmpty()) {
                writer.write(new Outcome.Retry(m.id(), "waiting: no SMSC account bound", now + 1000, false));
                return;
            }
            SmscSession session = routed.get();
            EncodedSms sms = encoded(m);
            // the concatenation reference must be the same on a resend, so it derives from the message id
            List<byte[]> parts = sms.shortMessages((int) (m.id() & 0xFF));
            for (int seq = 1; seq <= parts.size(); seq++) {
                if (m.acceptedParts().contains(seq)) {
                    continue;
                }
                SubmitOutcome outcome = session.submit(
                        new Submission(m.recipient(), m.alphabet(), parts.get(seq - 1), sms.concatenated()));
                if (outcome instanceof SubmitOutcome.Accepted a) {
                    writer.write(new Outcome.PartAccepted(m.id(), seq, session.name(), a.messageId()));
                    metrics.submitted();
                } else if (outcome instanceof SubmitOutcome.RetryLater r) {
                    writer.write(new Outcome.Retry(m.id(), r.reason(), clock.millis() + r.delay().toMillis(), true));
                    metrics.retried();
                    return;
                } else if (outcome instanceof SubmitOutcome.Failed f) {
                    writer.write(new Outcome.Failed(m.id(), "SMSC " + session.name() + " refused: " + f.reason()));
                    metrics.failed();
                    return;
                }
            }
            writer.write(new Outcome.Submitted(m.id(), session.name(), m.claimedBefore() ? -1 : parts.size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // left SENDING: the next start puts it back in the queue
        } catch (RuntimeException e) {
            log.error("message {}: {}", m.id(), e.toString(), e);
            writer.write(new Outcome.Retry(m.id(), "gateway error: " + e.getMessage(), clock.millis() + 5000, true));
        }
    }

    /** A notice to thousands is the same text thousands of times: encode it once. */
    private EncodedSms encoded(ClaimedMessage m) {
        Encoded last = lastEncoded;
        if (last != null && last.alphabet() == m.alphabet() && last.text().equals(m.text())) {
            return last.sms();
        }
        EncodedSms sms = encoder.encode(m.text(), m.alphabet());
        lastEncoded = new Encoded(m.text(), m.alphabet(), sms);
        return sms;
    }

    private record Encoded(String text, Alphabet alphabet, EncodedSms sms) {
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        workers.shutdown();
        try {
            // let outstanding submits get their responses recorded before the binds go
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        writer.close();
    }
}
