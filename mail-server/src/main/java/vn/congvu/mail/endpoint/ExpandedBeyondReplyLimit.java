package vn.congvu.mail.endpoint;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches (all recipients of) a mail that runs before DATA is answered ({@link ProcessBeforeReply}) and has, once
 * its groups are expanded, more recipients than that limit: delivering to hundreds or thousands of mailboxes would
 * hold the sender's 250 and the SMTP session's event loop. Mail processed by a spooler thread never matches.
 */
public class ExpandedBeyondReplyLimit extends GenericMatcher {

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean beyond = AttributeUtils.getValueAndCastFromMail(mail, ProcessBeforeReply.RECIPIENT_LIMIT, Integer.class)
            .map(limit -> mail.getRecipients().size() > limit)
            .orElse(false);
        return beyond ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail expanded beyond what may be delivered before the SMTP reply";
    }
}
