package vn.congvu.mail.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.junit.jupiter.api.Test;

class ReceptionPriorityTest {

    /** The calling thread's nice value, as the kernel reports it (field 19 of its stat line). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static <T> T onNewThread(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aThreadThatHandlesSmtpRunsAtTheConfiguredNiceAndTheResponseIsPassedOn() throws Exception {
        ReceptionPriority priority = new ReceptionPriority();
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("nice", 7);
        priority.init(config);
        Response greeting = new SMTPResponse("220", "ready");

        int mine = niceOfThisThread();
        int[] before = new int[1];
        int after = onNewThread(() -> {
            before[0] = niceOfThisThread();
            assertSame(greeting, priority.onResponse(null, greeting, 1, null));
            return niceOfThisThread();
        });
        assertEquals(mine, before[0], "a new thread starts where its creator is");
        assertEquals(7, after);
        assertEquals(mine, niceOfThisThread(), "other threads keep theirs");
    }

    @Test
    void aNiceOutsideWhatLinuxAllowsIsAConfigurationError() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("nice", 25);
        assertThrows(ConfigurationException.class, () -> new ReceptionPriority().init(config));
    }
}
