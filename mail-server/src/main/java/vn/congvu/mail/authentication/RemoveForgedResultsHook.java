package vn.congvu.mail.authentication;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the submission ports (smtpserver.xml): an {@code Authentication-Results} header naming our domain in mail an
 * official submits is forged (only the MX port writes ours) and is removed, so that a recipient, or a later check
 * that trusts our results, never takes it for the server's verdict.
 */
public class RemoveForgedResultsHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RemoveForgedResultsHook.class);

    private final DomainList domains;

    @Inject
    public RemoveForgedResultsHook(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            int forged = AuthenticationResults.removeClaimsOf(mail.getMessage(), domains.getDefaultDomain().asString());
            if (forged > 0) {
                mail.getMessage().saveChanges();
                LOGGER.info("Removed {} forged Authentication-Results header(s) from submitted mail {}", forged, mail.getName());
            }
        } catch (MessagingException | DomainListException e) {
            LOGGER.warn("Could not check mail {} for forged Authentication-Results: {}", mail.getName(), e.toString());
        }
        return HookResult.DECLINED;
    }
}
