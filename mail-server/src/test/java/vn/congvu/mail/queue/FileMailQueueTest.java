package vn.congvu.mail.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.metrics.api.NoopGaugeRegistry;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

class FileMailQueueTest {
    private static final MailQueueName SPOOL = MailQueueName.of("spool");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private final List<FileMailQueueFactory> factories = new ArrayList<>();

    @AfterEach
    void stopFactories() {
        factories.forEach(FileMailQueueFactory::stop);
    }

    private FileMailQueue open() throws Exception {
        FileMailQueueFactory factory = new FileMailQueueFactory(root, new RawMailQueueItemDecoratorFactory(),
            new RecordingMetricFactory(), new NoopGaugeRegistry());
        factories.add(factory);
        return factory.createQueue(SPOOL);
    }

    private static byte[] message(String subject) {
        return ("From: a@example.gov.vn\r\nTo: b@example.gov.vn\r\nSubject: " + subject
            + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Kính gửi đồng chí,\r\nnội dung " + subject + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Mail mail(String name, String sender, String... recipients) throws Exception {
        MailImpl.Builder builder = MailImpl.builder().name(name)
            .mimeMessage(new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(message(name))));
        builder.sender(sender == null ? org.apache.james.core.MaybeSender.nullSender()
            : org.apache.james.core.MaybeSender.of(new MailAddress(sender)));
        for (String recipient : recipients) {
            builder.addRecipient(recipient);
        }
        return builder.build();
    }

    private static byte[] bytes(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toByteArray();
    }

    private static List<MailQueueItem> take(FileMailQueue queue, int count, Duration within) {
        return Flux.from(queue.deQueue()).take(count).collectList().block(within);
    }

    private static List<String> names(List<MailQueueItem> items) {
        return items.stream().map(item -> item.getMail().getName()).collect(Collectors.toList());
    }

    private List<Path> storedFiles(String... sub) throws Exception {
        try (Stream<Path> files = Files.list(root.resolve(Path.of("spool", sub)))) {
            return files.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    @Test
    void aMailComesBackWithItsWholeEnvelopeAndMessage() throws Exception {
        FileMailQueue queue = open();
        MailImpl mail = (MailImpl) mail("mail-1", "van.thu@example.gov.vn", "a@example.gov.vn", "b@other.vn");
        mail.setState("transport");
        mail.setErrorMessage("tried once");
        mail.setRemoteHost("client.example.gov.vn");
        mail.setRemoteAddr("127.0.0.2");
        Date updated = new Date(1_700_000_000_000L);
        mail.setLastUpdated(updated);
        mail.setAttribute(new Attribute(AttributeName.of("org.apache.james.SMTPAuthUser"), AttributeValue.of("van.thu")));
        mail.setAttribute(new Attribute(AttributeName.of("congvu.count"), AttributeValue.of(42)));
        mail.addSpecificHeaderForRecipient(PerRecipientHeaders.Header.builder().name("Delivered-To").value("a@example.gov.vn").build(),
            new MailAddress("a@example.gov.vn"));
        byte[] sent = bytes(mail);
        queue.enQueue(mail);
        assertEquals(1, queue.getSize());

        MailQueueItem item = take(queue, 1, WAIT).get(0);
        Mail back = item.getMail();
        assertEquals("mail-1", back.getName());
        assertEquals("van.thu@example.gov.vn", back.getMaybeSender().asString());
        assertEquals(List.of(new MailAddress("a@example.gov.vn"), new MailAddress("b@other.vn")), List.copyOf(back.getRecipients()));
        assertEquals("transport", back.getState());
        assertEquals("tried once", back.getErrorMessage());
        assertEquals("client.example.gov.vn", back.getRemoteHost());
        assertEquals("127.0.0.2", back.getRemoteAddr());
        assertEquals(updated, back.getLastUpdated());
        assertEquals(AttributeValue.of("van.thu"), back.getAttribute(AttributeName.of("org.apache.james.SMTPAuthUser")).get().getValue());
        assertEquals(AttributeValue.of(42), back.getAttribute(AttributeName.of("congvu.count")).get().getValue());
        assertEquals(mail.getPerRecipientSpecificHeaders(), back.getPerRecipientSpecificHeaders());
        assertArrayEquals(sent, bytes(back), "the message byte for byte, 8-bit body included");
        assertEquals(1, queue.getSize(), "a mail being processed still counts");

        item.done(CompletionStatus.SUCCESS);
        assertEquals(0, queue.getSize());
        assertEquals(List.of(), storedFiles(), "a processed mail leaves no file behind");
    }

    @Test
    void theNullSenderOfABounceSurvives() throws Exception {
        FileMailQueue queue = open();
        queue.enQueue(mail("bounce", null, "a@example.gov.vn"));
        Mail back = take(queue, 1, WAIT).get(0).getMail();
        assertTrue(back.getMaybeSender().isNullSender(), back.getMaybeSender().asString());
    }

    @Test
    void everyStoredMailIsQueuedAgainAfterACrashIncludingThoseBeingProcessed() throws Exception {
        FileMailQueue queue = open();
        for (int i = 1; i <= 3; i++) {
            queue.enQueue(mail("mail-" + i, "a@example.gov.vn", "b@example.gov.vn"));
        }
        byte[] first = bytes(take(queue, 1, WAIT).get(0).getMail()); // taken, never done: the process dies here
        Files.writeString(root.resolve("spool/123-half-written.tmp"), "CONGVU-QUEUE/1\n{\"name\":");
        Files.writeString(root.resolve("spool/456-garbage.mail"), "not a queue file");

        FileMailQueue restarted = open();
        assertEquals(3, restarted.getSize());
        List<MailQueueItem> items = take(restarted, 3, WAIT);
        assertEquals(List.of("mail-1", "mail-2", "mail-3"), names(items), "in the order they were accepted");
        assertArrayEquals(first, bytes(items.get(0).getMail()));
        assertFalse(Files.exists(root.resolve("spool/123-half-written.tmp")), "never acknowledged, so dropped");
        assertEquals(List.of(root.resolve("spool/unreadable/456-garbage.mail")), storedFiles("unreadable"),
            "an unreadable file is set aside, never deleted");
    }

    @Test
    void aMailThatCannotBeStoredIsRefusedNotAcknowledged() throws Exception {
        FileMailQueue queue = open();
        // The directory gone and a file in its place: what a lost mount or a full disk look like to the queue.
        Files.delete(root.resolve("spool/spare"));
        Files.delete(root.resolve("spool"));
        Files.writeString(root.resolve("spool"), "not a directory");
        MailQueue.MailQueueException refused = assertThrows(MailQueue.MailQueueException.class,
            () -> queue.enQueue(mail("lost?", "a@example.gov.vn", "b@example.gov.vn")));
        assertTrue(refused.getMessage().contains("lost?"), refused.getMessage());
        assertEquals(0, queue.getSize(), "nothing is queued that is not on disk: SMTP answers 451 and the client retries");
    }

    @Test
    void aDelayedMailWaitsUntilDueOrFlushed() throws Exception {
        FileMailQueue queue = open();
        queue.enQueue(mail("later", "a@example.gov.vn", "b@example.gov.vn"), Duration.ofHours(1));
        queue.enQueue(mail("soon", "a@example.gov.vn", "b@example.gov.vn"), Duration.ofMillis(300));
        queue.enQueue(mail("now", "a@example.gov.vn", "b@example.gov.vn"));
        assertEquals(List.of("now", "soon"), names(take(queue, 2, WAIT)));

        Flux<MailQueueItem> next = Flux.from(queue.deQueue());
        assertEquals(List.of(), next.take(Duration.ofMillis(700)).collectList().block(WAIT), "not due for an hour");
        List<ManageableMailQueue.MailQueueItemView> waiting = new ArrayList<>();
        queue.browse().forEachRemaining(waiting::add);
        assertEquals(1, waiting.size());
        assertTrue(waiting.get(0).getNextDelivery().get().toInstant().isAfter(new Date().toInstant().plusSeconds(3500)));

        assertEquals(1, queue.flush());
        assertEquals(List.of("later"), names(take(queue, 1, WAIT)));
    }

    @Test
    void aRetriedMailComesBackAtOnceAndARejectedOneAfterABackoff() throws Exception {
        FileMailQueue queue = open();
        queue.enQueue(mail("retried", "a@example.gov.vn", "b@example.gov.vn"));
        take(queue, 1, WAIT).get(0).done(CompletionStatus.RETRY);
        MailQueueItem again = take(queue, 1, Duration.ofMillis(800)).get(0);
        assertEquals("retried", again.getMail().getName());

        long rejectedAt = System.nanoTime();
        again.done(CompletionStatus.REJECT);
        assertEquals(1, queue.getSize(), "a rejected mail is kept");
        MailQueueItem third = take(queue, 1, WAIT).get(0);
        assertTrue(System.nanoTime() - rejectedAt >= Duration.ofMillis(900).toNanos(), "retried after a backoff");
        assertEquals("retried", third.getMail().getName());
    }

    @Test
    void aConsumerThatGoesAwayLosesNothing() throws Exception {
        FileMailQueue queue = open();
        assertEquals(List.of(), Flux.from(queue.deQueue()).take(Duration.ofMillis(300)).collectList().block(WAIT));
        queue.enQueue(mail("after-cancel", "a@example.gov.vn", "b@example.gov.vn"));
        assertEquals(List.of("after-cancel"), names(take(queue, 1, WAIT)),
            "the cancelled consumer's waiting thread did not take it");
    }

    @Test
    void administratorsRemoveBySenderRecipientOrNameAndClear() throws Exception {
        FileMailQueue queue = open();
        queue.enQueue(mail("m1", "spam@bad.example", "a@example.gov.vn"), Duration.ofHours(1));
        queue.enQueue(mail("m2", "ok@example.gov.vn", "victim@example.gov.vn"), Duration.ofHours(1));
        queue.enQueue(mail("m3", "ok@example.gov.vn", "a@example.gov.vn"), Duration.ofHours(1));
        queue.enQueue(mail("m4", "ok@example.gov.vn", "a@example.gov.vn"), Duration.ofHours(1));

        assertEquals(1, queue.remove(ManageableMailQueue.Type.Sender, "spam@bad.example"));
        assertEquals(1, queue.remove(ManageableMailQueue.Type.Recipient, "victim@example.gov.vn"));
        assertEquals(1, queue.remove(ManageableMailQueue.Type.Name, "m3"));
        assertEquals(0, queue.remove(ManageableMailQueue.Type.Name, "nothing"));
        List<String> left = new ArrayList<>();
        queue.browse().forEachRemaining(view -> left.add(view.getMail().getName()));
        assertEquals(List.of("m4"), left);
        assertEquals(1, storedFiles().size());

        // A file damaged while queued: removal by sender skips it rather than failing the administrator's request.
        Path m4 = storedFiles().get(0);
        queue.enQueue(mail("m5", "ok@example.gov.vn", "a@example.gov.vn"), Duration.ofHours(1));
        Path damaged = storedFiles().stream().filter(file -> !file.equals(m4)).findFirst().orElseThrow();
        Files.writeString(damaged, "damaged");
        assertEquals(1, queue.remove(ManageableMailQueue.Type.Sender, "ok@example.gov.vn"), "m4 removed, the damaged m5 kept");
        assertEquals(List.of(damaged), storedFiles());

        assertEquals(1, queue.clear());
        assertEquals(0, queue.getSize());
        assertEquals(List.of(), storedFiles());
    }

    @Test
    void aProcessedMailsFileIsWrittenOverByTheNextMailAndCutToItsLength() throws Exception {
        FileMailQueue queue = open();
        Mail longMail = mail("long-" + "x".repeat(5000), "a@example.gov.vn", "b@example.gov.vn");
        queue.enQueue(longMail);
        Object inode = Files.getAttribute(storedFiles().get(0), "unix:ino");
        take(queue, 1, WAIT).get(0).done(CompletionStatus.SUCCESS);
        assertEquals(List.of(), storedFiles());
        assertEquals(1, storedFiles("spare").size(), "kept as a spare");

        Mail shortMail = mail("short", "a@example.gov.vn", "b@example.gov.vn");
        byte[] sent = bytes(shortMail);
        queue.enQueue(shortMail);
        assertEquals(inode, Files.getAttribute(storedFiles().get(0), "unix:ino"), "the same file, no new one");
        assertEquals(List.of(), storedFiles("spare"));
        MailQueueItem item = take(queue, 1, WAIT).get(0);
        assertEquals("short", item.getMail().getName());
        assertArrayEquals(sent, bytes(item.getMail()), "nothing of the longer mail before is left at its end");
        item.done(CompletionStatus.SUCCESS);

        // Spares of an earlier run are deleted, never written over: after a crash one may still name a queued mail.
        open();
        assertEquals(List.of(), storedFiles("spare"));
    }

    @Test
    void sparesAreKeptUpToTheirLimitsAndTheRestDeleted() throws Exception {
        SpareFiles spares = new SpareFiles(root.resolve("spares"), 3, 100);
        Path[] done = new Path[5];
        for (int i = 0; i < done.length; i++) {
            done[i] = Files.writeString(root.resolve("done-" + i), i == 2 ? "x".repeat(90) : "x".repeat(10));
            spares.keep(done[i]);
            assertFalse(Files.exists(done[i]));
        }
        try (Stream<Path> kept = Files.list(root.resolve("spares"))) {
            assertEquals(3, kept.count(), "the 90-byte file went over the 100 bytes allowed, the fifth over 3 files");
        }
        assertTrue(spares.take().isPresent());
        assertTrue(spares.take().isPresent());
        assertTrue(spares.take().isPresent());
        assertFalse(spares.take().isPresent());
    }
}
