package vn.congvu.mail.endpoint;

import java.util.Collection;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.ProcessingState;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a mail's run before the reply by handing it, recipients expanded, to the durable spool queue, where a spooler
 * thread takes it up at {@code <processor>} after the 250. The queue has synced the mail to disk when this returns,
 * so the 250 still means stored; the mail keeps its StampDeliveryId stamp, so a crash during the spooler's delivery
 * serves no recipient twice (SkipRecipientsAlreadyServed). Placed after group expansion and the directive alerts,
 * which are therefore raised once, before the reply. If the queue cannot take the mail, it is delivered here before
 * the reply, as without this mailet.
 */
public class DeliverAfterReply extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeliverAfterReply.class);

    private final MailQueueFactory<?> queues;
    private MailQueue spool;
    private String processor;

    @Inject
    public DeliverAfterReply(MailQueueFactory<?> queues) {
        this.queues = queues;
    }

    @Override
    public void init() throws MessagingException {
        processor = getInitParameter("processor");
        if (processor == null || processor.isBlank()) {
            throw new MessagingException("DeliverAfterReply needs <processor>: where the spooler takes the mail up");
        }
        spool = queues.createQueue(MailQueueFactory.SPOOL);
    }

    @Override
    public void service(Mail mail) {
        String state = mail.getState();
        int recipients = mail.getRecipients().size();
        // Not before the reply any more: the spooler's run must not be handed over again.
        mail.removeAttribute(ProcessBeforeReply.RECIPIENT_LIMIT);
        mail.setState(processor);
        try {
            spool.enQueue(mail);
        } catch (MailQueue.MailQueueException e) {
            LOGGER.warn("Mail {} for {} recipients could not be queued ({}); delivering it before the reply",
                mail.getName(), recipients, e.getMessage());
            mail.setState(state);
            return;
        }
        LOGGER.info("Mail {} for {} recipients queued before the reply; the spooler delivers it", mail.getName(), recipients);
        mail.setState(Mail.GHOST);
    }

    @Override
    public Collection<ProcessingState> requiredProcessingState() {
        return List.of(new ProcessingState(processor));
    }

    @Override
    public String getMailetInfo() {
        return "Hands a mail expanded beyond the reply's limit to the spool queue";
    }
}
