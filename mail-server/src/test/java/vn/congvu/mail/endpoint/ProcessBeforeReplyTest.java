package vn.congvu.mail.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

/**
 * The hook's own decisions. That a processed mail is in its mailbox when 250 is answered, and that a mail with
 * more recipients goes through the spool queue, is shown on the running server (ProcessBeforeReplyFlowTest).
 */
class ProcessBeforeReplyTest {

    private static Mail mail(String... recipients) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new java.io.ByteArrayInputStream("Subject: van ban\r\n\r\nnoi dung\r\n".getBytes(StandardCharsets.US_ASCII)));
        MailImpl.Builder builder = MailImpl.builder().name("mail-1").sender(new MailAddress("van.thu@example.gov.vn")).mimeMessage(message);
        for (String recipient : recipients) {
            builder.addRecipient(recipient);
        }
        return builder.build();
    }

    @Test
    void aProcessedMailIsAnsweredAsReceived() throws Exception {
        Mail mail = mail("a@example.gov.vn");
        HookResult result = new ProcessBeforeReply(processed -> processed.setState(Mail.GHOST)).process(mail);
        assertEquals(HookReturnCode.ok(), result.getResult());
        assertEquals("2.6.0 Message received", result.getSmtpDescription());
        assertEquals(Mail.GHOST, mail.getState());
    }

    @Test
    void aFailureGivesTheMailBackAsReceivedForTheSpoolQueue() throws Exception {
        Mail mail = mail("a@example.gov.vn", "b@example.gov.vn");
        // A pipeline that got halfway: one recipient served and dropped, the mail moved to another processor.
        HookResult result = new ProcessBeforeReply(processed -> {
            processed.setRecipients(List.of(new MailAddress("b@example.gov.vn")));
            processed.setState("transport");
            throw new MessagingException("database gone");
        }).process(mail);
        assertEquals(HookResult.DECLINED, result, "declined: SendMailHandler, next in the chain, queues it");
        assertEquals(List.of(new MailAddress("a@example.gov.vn"), new MailAddress("b@example.gov.vn")),
            List.copyOf(mail.getRecipients()));
        assertEquals(Mail.DEFAULT, mail.getState());
    }

    @Test
    void aRuntimeFailureIsGivenBackToo() throws Exception {
        Mail mail = mail("a@example.gov.vn");
        HookResult result = new ProcessBeforeReply(processed -> {
            throw new IllegalStateException("bug in a mailet");
        }).process(mail);
        assertEquals(HookResult.DECLINED, result);
        assertEquals(Mail.DEFAULT, mail.getState());
    }

    @Test
    void thePipelineSeesTheLimitAndTheMailLeavesWithoutIt() throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("maxRecipients", 7);
        List<Object> seen = new java.util.ArrayList<>();
        ProcessBeforeReply served = new ProcessBeforeReply(processed -> {
            seen.add(AttributeUtils.getValueAndCastFromMail(processed, ProcessBeforeReply.RECIPIENT_LIMIT, Integer.class).orElseThrow());
            processed.setState(Mail.GHOST);
        });
        served.init(config);
        Mail delivered = mail("a@example.gov.vn");
        served.process(delivered);
        ProcessBeforeReply failing = new ProcessBeforeReply(processed -> {
            seen.add(AttributeUtils.getValueAndCastFromMail(processed, ProcessBeforeReply.RECIPIENT_LIMIT, Integer.class).orElseThrow());
            throw new MessagingException("database gone");
        });
        failing.init(config);
        Mail spooled = mail("a@example.gov.vn");
        failing.process(spooled);
        assertEquals(List.of(7, 7), seen);
        assertEquals(false, delivered.getAttribute(ProcessBeforeReply.RECIPIENT_LIMIT).isPresent());
        assertEquals(false, spooled.getAttribute(ProcessBeforeReply.RECIPIENT_LIMIT).isPresent(), "the spooler's run is not before a reply");
    }

    @Test
    void maxRecipientsBelowOneIsRefused() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("maxRecipients", 0);
        assertThrows(ConfigurationException.class, () -> new ProcessBeforeReply(mail -> { }).init(config));
    }
}
