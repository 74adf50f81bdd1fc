package vn.congvu.mail.directive;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;

/**
 * Matches (all recipients of) a directive document: a directive marker (subject tag or header, see
 * config/rules/directive-alerts.properties) on mail that an active member of the issuers group sent after
 * authenticating over SMTP. Marked mail from anyone else is logged and left alone: it is delivered as normal
 * mail and raises no SMS.
 * Directory unreachable: a MessagingException, so onMatchException retries the mail later.
 */
public class IsDirective extends GenericMatcher {
    private static final Logger LOGGER = LoggerFactory.getLogger(IsDirective.class);

    private final DirectiveDirectory directory;
    private RulesFile rules;

    @Inject
    public IsDirective(DirectiveDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void init() {
        rules = new RulesFile(RulesFile.locate(System.getenv()));
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        DirectiveRules current = rules.current();
        DirectiveMail facts = DirectiveMail.read(mail, current);
        if (!facts.marks().directive()) {
            return List.of();
        }
        if (facts.marks().reply()) {
            LOGGER.info("Mail {} from {} is a reply to or forward of a directive (\"{}\"): delivered, no SMS",
                facts.messageId(), facts.sender().orElse("<>"), facts.subject());
            return List.of();
        }
        if (facts.sender().isEmpty() || facts.authUser().isEmpty()
                || !facts.authUser().get().equalsIgnoreCase(facts.sender().get())) {
            LOGGER.warn("Mail {} from {} looks like a directive but was not sent by an authenticated issuer"
                + " (authenticated as {}): delivered as normal mail, no SMS", facts.messageId(),
                facts.sender().orElse("<>"), facts.authUser().orElse("nobody"));
            return List.of();
        }
        String sender = facts.sender().get();
        try {
            Optional<Official> issuer = directory.official(sender);
            if (issuer.isEmpty() || !issuer.get().active() || !directory.isMember(issuer.get().uid(), current.issuersGroup())) {
                LOGGER.warn("Mail {} from {} looks like a directive but {} is not an active member of {}:"
                    + " delivered as normal mail, no SMS", facts.messageId(), sender, sender, current.issuersGroup());
                return List.of();
            }
        } catch (DirectoryUnavailableException e) {
            throw new MessagingException("Cannot check whether " + sender + " may issue directives now: " + e.getMessage(), e);
        }
        return mail.getRecipients();
    }

    @Override
    public String getMatcherInfo() {
        return "Directive documents from authorised issuers";
    }
}
