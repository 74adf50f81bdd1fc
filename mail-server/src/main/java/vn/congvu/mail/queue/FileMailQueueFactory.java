package vn.congvu.mail.queue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;

import com.google.common.collect.ImmutableSet;

/**
 * The mail queues (spool, outgoing, and any a mailet names) as directories under var/store/queue. Queues found on
 * disk are opened at start, so mails waiting in them are processed (and visible in WebAdmin) even before the
 * mailet that uses the queue starts.
 */
public class FileMailQueueFactory implements MailQueueFactory<FileMailQueue> {
    static final String LOCATION = "file://var/store/queue";
    private final Path root;
    private final MailQueueItemDecoratorFactory decorators;
    private final MetricFactory metrics;
    private final GaugeRegistry gauges;
    private final Map<MailQueueName, FileMailQueue> queues = new ConcurrentHashMap<>();

    @Inject
    public FileMailQueueFactory(FileSystem fileSystem, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                                GaugeRegistry gauges) throws IOException {
        this(root(fileSystem), decorators, metrics, gauges);
    }

    FileMailQueueFactory(Path root, MailQueueItemDecoratorFactory decorators, MetricFactory metrics,
                         GaugeRegistry gauges) throws IOException {
        this.root = Files.createDirectories(root);
        this.decorators = decorators;
        this.metrics = metrics;
        this.gauges = gauges;
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(this.root, Files::isDirectory)) {
            for (Path directory : directories) {
                createQueue(MailQueueName.of(URLDecoder.decode(directory.getFileName().toString(), StandardCharsets.UTF_8)));
            }
        }
    }

    private static Path root(FileSystem fileSystem) throws FileNotFoundException {
        return fileSystem.getFile(LOCATION).toPath();
    }

    @Override
    public Optional<FileMailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return Optional.ofNullable(queues.get(name));
    }

    @Override
    public FileMailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return queues.computeIfAbsent(name, this::open);
    }

    private FileMailQueue open(MailQueueName name) {
        try {
            Path directory = root.resolve(URLEncoder.encode(name.asString(), StandardCharsets.UTF_8));
            return new FileMailQueue(name, directory, decorators, metrics, gauges);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open mail queue " + name.asString() + " under " + root, e);
        }
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return ImmutableSet.copyOf(queues.keySet());
    }

    Path root() {
        return root;
    }

    @PreDestroy
    public void stop() {
        queues.values().forEach(FileMailQueue::stop);
    }
}
