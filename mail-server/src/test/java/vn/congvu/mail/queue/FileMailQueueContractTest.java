package vn.congvu.mail.queue;

import java.nio.file.Path;

import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.DelayedManageableMailQueueContract;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** James 3.8.1's own contract of a manageable mail queue with delays, run against ours. */
class FileMailQueueContractTest implements DelayedManageableMailQueueContract {
    @TempDir
    Path root;

    private FileMailQueueFactory factory;
    private FileMailQueue queue;

    @BeforeEach
    void open() throws Exception {
        factory = new FileMailQueueFactory(root, new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(),
            new NoopGaugeRegistry());
        queue = factory.createQueue(MailQueueName.of("spool"));
    }

    @AfterEach
    void stop() {
        factory.stop();
    }

    @Override
    public MailQueue getMailQueue() {
        return queue;
    }

    @Override
    public ManageableMailQueue getManageableMailQueue() {
        return queue;
    }
}
