package vn.congvu.gateway.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread handing everything queued at that moment (up to a maximum) to a writer in one call: what piles
 * up during one transaction goes into the next. Below {@code lingerBelow} items it waits {@code lingerMillis}
 * for more first, trading that much latency for fewer commits.
 */
public final class GroupCommitThread<T> implements AutoCloseable {

    private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final Consumer<List<T>> writer;
    private final int maxBatch;
    private final int lingerBelow;
    private final long lingerNanos;
    private final Thread thread;
    private volatile boolean running = true;

    public GroupCommitThread(String name, int maxBatch, int lingerBelow, long lingerMillis, Consumer<List<T>> writer) {
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.lingerBelow = lingerBelow;
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void add(T item) {
        queue.add(item);
    }

    public int backlog() {
        return queue.size();
    }

    public boolean running() {
        return running;
    }

    private void run() {
        List<T> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            T first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // only close() ends the loop, once the queue is written
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            if (batch.size() < lingerBelow && lingerNanos > 0) {
                LockSupport.parkNanos(lingerNanos);
                queue.drainTo(batch, maxBatch - batch.size());
            }
            writer.accept(batch);
            batch.clear();
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
