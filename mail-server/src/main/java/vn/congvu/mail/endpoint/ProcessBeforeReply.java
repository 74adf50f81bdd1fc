package vn.congvu.mail.endpoint;

import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.api.MailProcessor;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.AddDefaultAttributesMessageHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a received mail through the mailet pipeline before DATA is answered, instead of writing it to the spool
 * queue for a spooler thread to read back and process. The answer 250 still means the mail is durable: every
 * path of the pipeline ends in durable storage (a mailbox commit, the outgoing queue for relay, a mail repository,
 * the spool queue for a delayed retry, a bounce or a large group) before {@link MailProcessor#service} returns.
 * Saves the queue file's write, its two syncs, its read-back and parse: a fifth of a delivery's CPU.
 *
 * <p>Falls back to James' own spooling (it answers nothing, and the next hook, SendMailHandler, queues the mail)
 * when it is off, when the mail has more envelope recipients than {@code <maxRecipients>} (a long delivery would
 * hold the SMTP session and its event loop), and when the pipeline fails: recipients and state are put back as
 * they were received, and the spooler retries it as James would (a recipient the failed attempt had already
 * served may then get it twice, never zero times). While the pipeline runs, the mail carries {@link
 * #RECIPIENT_LIMIT}: a mail whose groups expand beyond it is handed to the spool queue from inside the pipeline
 * ({@link ExpandedBeyondReplyLimit}, {@link DeliverAfterReply}). Configured in each SMTP server's handler chain
 * before James' core handlers, whose default attributes it sets first (SMTPAuthSuccessful needs them).
 */
public class ProcessBeforeReply implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessBeforeReply.class);
    private static final int DEFAULT_MAX_RECIPIENTS = 50;
    /** On a mail while it runs before the reply: how many recipients it may be delivered to before the reply. */
    public static final AttributeName RECIPIENT_LIMIT = AttributeName.of("vn.congvu.mail.endpoint.recipientLimitBeforeReply");
    private static final HookResult DELIVERED = HookResult.builder()
        .hookReturnCode(HookReturnCode.ok())
        .smtpDescription(DSNStatus.getStatus(DSNStatus.SUCCESS, DSNStatus.CONTENT_OTHER) + " Message received")
        .build();

    private final MailProcessor processor;
    private final AddDefaultAttributesMessageHook defaultAttributes = new AddDefaultAttributesMessageHook();
    private boolean enabled = true;
    private int maxRecipients = DEFAULT_MAX_RECIPIENTS;

    @Inject
    public ProcessBeforeReply(MailProcessor processor) {
        this.processor = processor;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        enabled = config.getBoolean("enabled", true);
        maxRecipients = config.getInt("maxRecipients", DEFAULT_MAX_RECIPIENTS);
        if (maxRecipients < 1) {
            throw new ConfigurationException("ProcessBeforeReply: <maxRecipients> must be at least 1, not " + maxRecipients);
        }
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (!enabled || mail.getRecipients().size() > maxRecipients) {
            return HookResult.DECLINED;
        }
        defaultAttributes.onMessage(session, mail);
        return process(mail);
    }

    /** The mail through the pipeline; on failure as it was received, for SendMailHandler to queue. */
    HookResult process(Mail mail) {
        List<MailAddress> recipients = List.copyOf(mail.getRecipients());
        String state = mail.getState();
        mail.setAttribute(new Attribute(RECIPIENT_LIMIT, AttributeValue.of(maxRecipients)));
        try {
            processor.service(mail);
            LOGGER.info("Processed mail {} from {} for {} before answering", mail.getName(), mail.getMaybeSender().asString(), recipients);
            return DELIVERED;
        } catch (Exception e) {
            LOGGER.warn("Processing mail {} failed before answering; it goes to the spool queue", mail.getName(), e);
            mail.setRecipients(recipients);
            mail.setState(state);
            return HookResult.DECLINED;
        } finally {
            mail.removeAttribute(RECIPIENT_LIMIT);
        }
    }
}
