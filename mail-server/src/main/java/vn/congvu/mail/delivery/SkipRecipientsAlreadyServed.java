package vn.congvu.mail.delivery;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes local delivery idempotent across crashes. The spool queue removes a mail only after it has
 * been processed, so a crash between storing it in a mailbox and that removal makes the queue hand
 * it over again after restart. Only mails accepted before this JVM started can be such a
 * redelivery; for those (and only those: no cost in normal operation) each local recipient whose
 * INBOX already holds the same {@link StampDeliveryId} among its newest messages is dropped.
 * Placed just before LocalDelivery.
 */
public class SkipRecipientsAlreadyServed extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SkipRecipientsAlreadyServed.class);
    /** A redelivery happens right after restart, so the first copy is among the newest messages. */
    private static final int NEWEST_MESSAGES = 200;

    private final UsersRepository usersRepository;
    private final MailboxManager mailboxManager;
    private final long processStart = ManagementFactory.getRuntimeMXBean().getStartTime();

    @Inject
    public SkipRecipientsAlreadyServed(UsersRepository usersRepository,
                                       @Named("mailboxmanager") MailboxManager mailboxManager) {
        this.usersRepository = usersRepository;
        this.mailboxManager = mailboxManager;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getLastUpdated() == null || mail.getLastUpdated().getTime() >= processStart) {
            return;
        }
        String[] ids = mail.getMessage().getHeader(StampDeliveryId.HEADER);
        if (ids == null || ids.length == 0) {
            return;
        }
        String id = ids[0].trim();
        List<MailAddress> remaining = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (getMailetContext().isLocalEmail(recipient) && alreadyInInbox(recipient, id)) {
                LOGGER.info("Mail {} was already delivered to {} before a restart; not delivering it twice", id, recipient);
            } else {
                remaining.add(recipient);
            }
        }
        if (remaining.size() != mail.getRecipients().size()) {
            mail.setRecipients(remaining);
            if (remaining.isEmpty()) {
                mail.setState(Mail.GHOST);
            }
        }
    }

    private boolean alreadyInInbox(MailAddress recipient, String id) throws MessagingException {
        try {
            Username user = usersRepository.getUsername(recipient);
            MailboxSession session = mailboxManager.createSystemSession(user);
            try {
                MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(user), session);
                MessageUid next = inbox.getMetaData(MessageManager.MailboxMetaData.RecentMode.IGNORE, session,
                    EnumSet.of(MessageManager.MailboxMetaData.Item.NextUid)).getUidNext();
                long from = Math.max(1, next.asLong() - NEWEST_MESSAGES);
                MessageResultIterator messages = inbox.getMessages(
                    MessageRange.range(MessageUid.of(from), next), FetchGroup.HEADERS, session);
                while (messages.hasNext()) {
                    if (carries(messages.next(), id)) {
                        return true;
                    }
                }
                return false;
            } catch (MailboxNotFoundException e) {
                return false;
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        } catch (UsersRepositoryException | MailboxException e) {
            throw new MessagingException("Cannot check earlier delivery of " + id + " to " + recipient, e);
        }
    }

    private static boolean carries(MessageResult message, String id) throws MailboxException {
        for (Iterator<Header> headers = message.getHeaders().headers(); headers.hasNext(); ) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(StampDeliveryId.HEADER) && header.getValue().trim().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String getMailetInfo() {
        return "Drops local recipients that already received this mail before a crash";
    }
}
