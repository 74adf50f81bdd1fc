package vn.congvu.mail.directive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands the outbox's alerts to the gateway's intake, one POST per document, urgent first, each when its
 * quiet-window hold ends. Gateway down or refusing for a while (5xx, 401 while tokens disagree, no token yet):
 * the document stays and is tried again after 1 s, 2 s, 4 s… up to {@code gateway.retry.max}, so alerts go out
 * within that delay of the gateway's return. A 4xx other than 401/408/429 is a document the gateway will
 * never take: it goes to {@code refused/} with an error in the log. Posting twice is harmless: the intake
 * keeps one SMS per (Message-ID, number).
 */
final class AlertForwarder implements Runnable {
    private static final Logger LOGGER = LoggerFactory.getLogger(AlertForwarder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final AlertOutbox outbox;
    private final RulesFile rules;
    private final IntakeCredentials credentials;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Attempts> tracked = new HashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running = true;
    private Thread thread;
    private Instant lastPrune = Instant.EPOCH;
    private String lastProblem;

    /** When to try a document next and how often it failed. */
    private record Attempts(PendingAlert alert, int failures, long nextAt) {
    }

    AlertForwarder(AlertOutbox outbox, RulesFile rules, IntakeCredentials credentials, Clock clock) {
        this.outbox = outbox;
        this.rules = rules;
        this.credentials = credentials;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(rules.current().gatewayTimeout()).build();
    }

    void start() {
        thread = new Thread(this, "congvu-directive-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A document was added: look now rather than at the next timer. */
    void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void run() {
        while (running) {
            long waitMs;
            try {
                waitMs = forwardDue();
            } catch (IOException | RuntimeException e) {
                LOGGER.error("Directive alert outbox: {}", e.toString(), e);
                waitMs = rules.current().retryMax().toMillis();
            }
            synchronized (signal) {
                if (!woken && waitMs > 0) {
                    try {
                        signal.wait(waitMs);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Posts every due document; returns how long to wait before the next one is due. */
    long forwardDue() throws IOException {
        DirectiveRules current = rules.current();
        refresh();
        long now = clock.millis();
        List<Map.Entry<String, Attempts>> due = tracked.entrySet().stream()
            .filter(e -> e.getValue().nextAt() <= now)
            .sorted(Comparator.comparing((Map.Entry<String, Attempts> e) -> !e.getValue().alert().urgent())
                .thenComparingLong(e -> e.getValue().alert().createdAt()))
            .toList();
        for (int i = 0; i < due.size() && running; i++) {
            String key = due.get(i).getKey();
            if (!handOver(current, key, due.get(i).getValue())) {
                // The gateway is not taking anything now: the others wait as long, without a try each.
                long retryAt = tracked.get(key).nextAt();
                due.subList(i + 1, due.size()).forEach(e -> tracked.computeIfPresent(e.getKey(),
                    (k, a) -> new Attempts(a.alert(), a.failures(), retryAt)));
                break;
            }
        }
        if (Instant.ofEpochMilli(now).isAfter(lastPrune.plus(PRUNE_EVERY))) {
            outbox.pruneSent(Instant.ofEpochMilli(now));
            lastPrune = Instant.ofEpochMilli(now);
        }
        long next = tracked.values().stream().mapToLong(Attempts::nextAt).min().orElse(now + IDLE.toMillis());
        return Math.max(1, Math.min(next - clock.millis(), IDLE.toMillis()));
    }

    /** Picks up documents written since the last look; forgets those no longer pending. */
    private void refresh() throws IOException {
        List<String> keys = outbox.pendingKeys();
        tracked.keySet().retainAll(new HashSet<>(keys));
        for (String key : keys) {
            if (!tracked.containsKey(key)) {
                try {
                    Optional<PendingAlert> alert = outbox.read(key);
                    alert.ifPresent(a -> tracked.put(key, new Attempts(a, 0, a.releaseAt())));
                } catch (IOException e) {
                    LOGGER.error("Directive alert {} in the outbox cannot be read ({}); moved to refused/", key, e.toString());
                    outbox.markRefused(key);
                }
            }
        }
    }

    /** @return false when the gateway could not be reached or did not take it for now */
    private boolean handOver(DirectiveRules current, String key, Attempts attempts) throws IOException {
        PendingAlert alert = attempts.alert();
        Optional<String> token = credentials.token();
        if (token.isEmpty()) {
            return later(current, key, attempts, "no intake token yet (" + credentials.source() + ")");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("messageId", alert.messageId());
        body.put("from", alert.from());
        body.put("subject", alert.subject());
        body.put("text", alert.text());
        body.put("urgent", alert.urgent());
        body.put("recipients", alert.recipients());
        HttpRequest request = HttpRequest.newBuilder(URI.create(current.gatewayUrl() + "/internal/v1/alerts"))
            .timeout(current.gatewayTimeout())
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token.get())
            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
            .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return later(current, key, attempts, "gateway " + current.gatewayUrl() + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            outbox.markSent(key);
            tracked.remove(key);
            lastProblem = null;
            LOGGER.info("Directive alerts of {} ({} recipient(s)) handed to the gateway after {} failed attempt(s): {}",
                alert.messageId(), alert.recipients().size(), attempts.failures(), response.body());
            return true;
        }
        if (status == 401 || status == 408 || status == 429 || status >= 500) {
            return later(current, key, attempts, "gateway answered " + status
                + (status == 401 ? " (the intake token of " + credentials.source() + " is not the gateway's)" : ""));
        }
        LOGGER.error("The gateway refused the directive alerts of {} for good ({} {}); kept in refused/ of the outbox",
            alert.messageId(), status, response.body());
        outbox.markRefused(key);
        tracked.remove(key);
        return true;
    }

    private boolean later(DirectiveRules current, String key, Attempts attempts, String problem) {
        int failures = attempts.failures() + 1;
        long delay = Math.min(current.retryMax().toMillis(),
            current.retryInitial().toMillis() << Math.min(failures - 1, 20));
        tracked.put(key, new Attempts(attempts.alert(), failures, clock.millis() + delay));
        // One line per change of problem, then one per document: an hour of outage does not flood the log.
        if (!problem.equals(lastProblem) || failures == 1) {
            LOGGER.warn("Directive alerts of {} wait: {}; next try in {} ms", attempts.alert().messageId(), problem, delay);
        }
        lastProblem = problem;
        return false;
    }
}
