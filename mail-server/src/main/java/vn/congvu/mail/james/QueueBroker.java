package vn.congvu.mail.james;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.ActiveMQPrefetchPolicy;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.jmx.ManagementContext;
import org.apache.activemq.plugin.StatisticsBrokerPlugin;
import org.apache.activemq.store.PersistenceAdapter;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.queue.activemq.FileSystemBlobTransferPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded ActiveMQ broker of the mail queues, reachable from inside this process only. James' own
 * EmbeddedActiveMQ also opens an OpenWire listener on {@code tcp://localhost} (a random port, no authentication),
 * through which any local process could put mail into the spool past every SMTP check, or read queued mail.
 * Same broker name, KahaDB and blob directories as James' broker, so queues written by it are read here.
 */
public class QueueBroker {
    private static final Logger LOGGER = LoggerFactory.getLogger(QueueBroker.class);
    private static final String NAME = "james";

    private final BrokerService broker;
    private final ActiveMQConnectionFactory connectionFactory;

    @Inject
    QueueBroker(FileSystem fileSystem, PersistenceAdapter persistence) throws Exception {
        persistence.setDirectory(fileSystem.getFile("file://var/store/activemq/brokers/KahaDB"));
        broker = new BrokerService();
        broker.setBrokerName(NAME);
        broker.setBrokerId("broker");
        broker.setUseJmx(false);
        ManagementContext management = new ManagementContext();
        management.setCreateConnector(false);
        broker.setManagementContext(management);
        broker.setPersistent(true);
        broker.setDataDirectoryFile(fileSystem.getFile("file://var/store/activemq/brokers"));
        broker.setPersistenceAdapter(persistence);
        broker.setUseShutdownHook(false);
        broker.setSchedulerSupport(false);
        // Queue sizes and browsing (WebAdmin, metrics) are answered by the statistics plugin.
        broker.setPlugins(new BrokerPlugin[] {new StatisticsBrokerPlugin()});
        broker.setEnableStatistics(true);
        broker.start();
        LOGGER.info("Mail queue broker started (in-process connections only)");

        FileSystemBlobTransferPolicy blobs = new FileSystemBlobTransferPolicy();
        blobs.setDefaultUploadUrl("file://var/store/activemq/blob-transfer");
        blobs.setFileSystem(fileSystem);
        ActiveMQPrefetchPolicy prefetch = new ActiveMQPrefetchPolicy();
        // James takes one mail per receive; a prefetched mail would wait in a consumer that is about to close.
        prefetch.setQueuePrefetch(0);
        prefetch.setTopicPrefetch(0);
        connectionFactory = new ActiveMQConnectionFactory("vm://" + NAME + "?create=false");
        connectionFactory.setTrustAllPackages(true); // mail attributes travel as serialized objects
        connectionFactory.setBlobTransferPolicy(blobs);
        connectionFactory.setPrefetchPolicy(prefetch);
    }

    public ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    @PreDestroy
    public void stop() throws Exception {
        broker.stop();
    }
}
