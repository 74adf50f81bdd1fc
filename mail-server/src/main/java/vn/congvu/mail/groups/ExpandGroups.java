package vn.congvu.mail.groups;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces each local group address among the recipients by the addresses of its active members,
 * at delivery time (so a change in the directory applies to the next mail). A member reached
 * through several groups, or also addressed directly, gets one copy. When the directory cannot be
 * reached the mailet fails, and mailetcontainer.xml sends the mail to be retried later
 * (onMailetException), never bounced.
 */
public class ExpandGroups extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExpandGroups.class);

    private final MailGroups groups;

    @Inject
    public ExpandGroups(MailGroups groups) {
        this.groups = groups;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Set<MailAddress> expanded = new LinkedHashSet<>();
        boolean changed = false;
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<List<MailAddress>> members = membersIfLocalGroup(recipient);
            if (members.isPresent()) {
                LOGGER.info("Mail {} to group {} goes to {} members", mail.getName(), recipient, members.get().size());
                expanded.addAll(members.get());
                changed = true;
            } else {
                expanded.add(recipient);
            }
        }
        if (changed) {
            mail.setRecipients(new ArrayList<>(expanded));
            if (expanded.isEmpty()) {
                mail.setState(Mail.GHOST); // a group without active members: nothing to deliver
            }
        }
    }

    private Optional<List<MailAddress>> membersIfLocalGroup(MailAddress recipient) throws MessagingException {
        if (!getMailetContext().isLocalServer(recipient.getDomain())) {
            return Optional.empty();
        }
        try {
            return groups.members(recipient);
        } catch (MailGroups.GroupsUnavailableException e) {
            throw new MessagingException("Cannot expand " + recipient + " now: " + e.getMessage(), e);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Expands directory groups into their members";
    }
}
