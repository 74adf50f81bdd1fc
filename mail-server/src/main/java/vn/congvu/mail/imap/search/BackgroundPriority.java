package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread (Linux: nice 10 for this thread alone). Indexing a 20 KB
 * message costs about as much CPU as storing it; at the same priority the indexer took half of a busy 2-core
 * machine from APPEND and delivery. Niced, it uses what they leave, and a SEARCH still indexes what its mailbox
 * lacks before it answers. Java has no thread priority that Linux honours, hence renice on the thread's own id.
 */
final class BackgroundPriority {
    private static final Logger LOGGER = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final String NICENESS = "10";

    private BackgroundPriority() {
    }

    static void lower() {
        try {
            // /proc/thread-self -> <pid>/task/<tid>: the calling thread's id for the kernel.
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", NICENESS, "-p", tid)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LOGGER.info("Search indexing runs at the server's priority: renice did not succeed");
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOGGER.info("Search indexing runs at the server's priority ({})", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
