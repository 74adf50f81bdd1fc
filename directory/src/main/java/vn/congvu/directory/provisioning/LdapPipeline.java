package vn.congvu.directory.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.ldaptive.AddRequest;
import org.ldaptive.BindConnectionInitializer;
import org.ldaptive.Connection;
import org.ldaptive.ConnectionConfig;
import org.ldaptive.DefaultConnectionFactory;
import org.ldaptive.LdapException;
import org.ldaptive.ModifyRequest;
import org.ldaptive.OperationHandle;
import org.ldaptive.ResultCode;
import vn.congvu.directory.client.DirectorySettings;

/**
 * Sends writes without waiting for each answer: several connections, each with a window of outstanding requests,
 * so the server is never idle waiting for the client. The directory's own write rate is then the limit.
 */
final class LdapPipeline implements AutoCloseable {

    /** What came back for one request. */
    record Outcome(boolean ok, ResultCode code, String message) {
        static Outcome failed(LdapException e) {
            return new Outcome(false, e.getResultCode(), e.getMessage());
        }
    }

    private final List<Connection> connections = new ArrayList<>();
    private final List<Semaphore> windows = new ArrayList<>();
    private final Phaser inFlight = new Phaser(1);
    private int next;

    LdapPipeline(DirectorySettings settings, int connectionCount, int window) throws LdapException {
        ConnectionConfig config = ConnectionConfig.builder()
                .url(String.join(" ", settings.urls()))
                .connectTimeout(settings.connectTimeout())
                .responseTimeout(settings.responseTimeout().multipliedBy(6))
                .connectionInitializers(new BindConnectionInitializer(settings.bindDn(), settings.bindPassword()))
                .build();
        DefaultConnectionFactory factory = new DefaultConnectionFactory(config);
        for (int i = 0; i < connectionCount; i++) {
            Connection c = factory.getConnection();
            c.open();
            connections.add(c);
            windows.add(new Semaphore(window));
        }
    }

    void add(AddRequest request, Consumer<Outcome> done) {
        int i = pick();
        send(i, () -> connections.get(i).operation(request), done);
    }

    void modify(ModifyRequest request, Consumer<Outcome> done) {
        int i = pick();
        send(i, () -> connections.get(i).operation(request), done);
    }

    private synchronized int pick() {
        next = (next + 1) % connections.size();
        return next;
    }

    private void send(int i, java.util.function.Supplier<OperationHandle<?, ?>> handle, Consumer<Outcome> done) {
        Semaphore window = windows.get(i);
        window.acquireUninterruptibly();
        inFlight.register();
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        try {
            handle.get()
                    .onResult(r -> outcome.compareAndSet(null,
                            new Outcome(r.isSuccess(), r.getResultCode(), r.getDiagnosticMessage())))
                    .onException(e -> outcome.compareAndSet(null, Outcome.failed(e)))
                    .onComplete(() -> {
                        try {
                            Outcome o = outcome.get();
                            done.accept(o != null ? o : new Outcome(false, ResultCode.LOCAL_ERROR, "no response"));
                        } finally {
                            window.release();
                            inFlight.arriveAndDeregister();
                        }
                    })
                    .send();
        } catch (RuntimeException e) {
            window.release();
            inFlight.arriveAndDeregister();
            done.accept(new Outcome(false, ResultCode.LOCAL_ERROR, e.getMessage()));
        }
    }

    /** Blocks until every request sent so far has been answered. */
    void awaitAll() {
        inFlight.arriveAndAwaitAdvance();
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            c.close();
        }
    }
}
