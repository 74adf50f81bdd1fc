package vn.congvu.mail.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.impl.MailetConfigImpl;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.JamesServerResourceLoader;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.filesystem.FileSystemImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.queue.FileMailQueueFactory;

/**
 * The hand-over to the spool queue and the matcher that asks for it, on James' file system and our file queue in a
 * temporary directory. On the running server: ProcessBeforeReplyFlowTest, CrashRecoveryTest, DirectiveAlertsTest.
 */
class DeliverAfterReplyTest {
    @TempDir
    Path root;
    private FileMailQueueFactory queues;
    private DeliverAfterReply mailet;

    @BeforeEach
    void openSpool() throws Exception {
        queues = new FileMailQueueFactory(new FileSystemImpl(new JamesServerResourceLoader(root.toString())),
            new RawMailQueueItemDecoratorFactory(), new RecordingMetricFactory(), new NoopGaugeRegistry());
        mailet = new DeliverAfterReply(queues);
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("processor", "delivery");
        MailetConfigImpl config = new MailetConfigImpl();
        config.setMailetName("DeliverAfterReply");
        config.setConfiguration(configuration);
        mailet.init(config);
    }

    @AfterEach
    void stopSpool() {
        queues.stop();
    }

    private static Mail mailBeforeReply(int limit, int recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream("Subject: toan nganh\r\n\r\nnoi dung\r\n".getBytes(StandardCharsets.US_ASCII)));
        MailImpl.Builder builder = MailImpl.builder().name("mail-1").sender(new MailAddress("van.thu@example.gov.vn"))
            .mimeMessage(message).state("transport");
        for (int i = 0; i < recipients; i++) {
            builder.addRecipient("can.bo." + i + "@example.gov.vn");
        }
        Mail mail = builder.build();
        mail.setAttribute(new Attribute(ProcessBeforeReply.RECIPIENT_LIMIT, AttributeValue.of(limit)));
        return mail;
    }

    @Test
    void aMailExpandedBeyondTheLimitIsMatchedWithAllItsRecipients() throws Exception {
        Mail beyond = mailBeforeReply(2, 3);
        assertEquals(List.copyOf(beyond.getRecipients()), List.copyOf(new ExpandedBeyondReplyLimit().match(beyond)));
        assertEquals(List.of(), List.copyOf(new ExpandedBeyondReplyLimit().match(mailBeforeReply(3, 3))), "at the limit");
        Mail spooled = mailBeforeReply(2, 100);
        spooled.removeAttribute(ProcessBeforeReply.RECIPIENT_LIMIT);
        assertEquals(List.of(), List.copyOf(new ExpandedBeyondReplyLimit().match(spooled)), "a spooler's run never matches");
    }

    @Test
    void theMailIsQueuedToGoOnAtTheProcessorAndEndsHere() throws Exception {
        Mail mail = mailBeforeReply(2, 3);
        mailet.service(mail);
        assertEquals(Mail.GHOST, mail.getState());

        MailQueue.MailQueueItem item = queues.createQueue(MailQueueFactory.SPOOL).deQueue().blockFirst();
        Mail queued = item.getMail();
        assertEquals("delivery", queued.getState());
        assertEquals(List.copyOf(mail.getRecipients()), List.copyOf(queued.getRecipients()));
        assertFalse(queued.getAttribute(ProcessBeforeReply.RECIPIENT_LIMIT).isPresent(), "not handed over again by the spooler");
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
    }

    @Test
    void aMailTheQueueCannotTakeGoesOnBeforeTheReply() throws Exception {
        Path spool = root.resolve("var/store/queue/spool");
        assertTrue(Files.isDirectory(spool), spool.toString());
        try (Stream<Path> files = Files.walk(spool)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
        Mail mail = mailBeforeReply(2, 3);
        mailet.service(mail);
        assertEquals("transport", mail.getState(), "delivered by the rest of the pipeline, before the reply");
        assertEquals(3, mail.getRecipients().size());
    }
}
