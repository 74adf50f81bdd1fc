package vn.congvu.mail.migration;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** Progress of a run: a line when an official is done, and every few seconds the total and the officials in work. */
final class Progress {
    private static final long EVERY_SECONDS = 5;

    private final List<OfficialMigration> migrations;
    private final PrintStream out;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "migration-progress");
        thread.setDaemon(true);
        return thread;
    });
    private String last = "";

    Progress(List<OfficialMigration> migrations, PrintStream out) {
        this.migrations = migrations;
        this.out = out;
    }

    void start() {
        ticker.scheduleAtFixedRate(this::tick, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    void stop() {
        ticker.shutdownNow();
    }

    OfficialMigration.Outcome finished(OfficialMigration.Outcome outcome) {
        int count = done.incrementAndGet();
        String head = "[" + count + "/" + migrations.size() + "] " + outcome.row().address() + ": ";
        synchronized (out) {
            if (outcome.migrated()) {
                out.println(head + "migrated, " + outcome.copied() + " messages copied, " + outcome.folders() + " folders, "
                    + outcome.seconds() + " s");
            } else {
                failed.incrementAndGet();
                out.println(head + "FAILED: " + outcome.reason());
            }
        }
        return outcome;
    }

    private synchronized void tick() {
        long copied = migrations.stream().mapToLong(migration -> migration.copied).sum();
        String working = migrations.stream()
            .filter(migration -> migration.started && migration.boxes > 0 && migration.boxesDone < migration.boxes)
            .map(migration -> migration.row().address() + " " + migration.boxesDone + "/" + migration.boxes + " folders "
                + migration.copied + "/" + migration.toCopy + " messages")
            .collect(Collectors.joining("; "));
        String line = "progress: " + done.get() + "/" + migrations.size() + " officials done (" + failed.get() + " failed), "
            + copied + " messages copied" + (working.isEmpty() ? "" : "; " + working);
        if (!line.equals(last)) {
            last = line;
            synchronized (out) {
                out.println(line);
            }
        }
    }
}
