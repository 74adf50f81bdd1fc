package vn.congvu.mail.directive;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;
import vn.congvu.mail.locations.MailServerLocations;

/**
 * For a directive document (matched by {@link IsDirective}, after group expansion): one alert per local
 * recipient with a mobile, written durably to the outbox before the mail goes on to delivery, then handed
 * to the gateway by a background forwarder. The mail itself is never held: a gateway outage only delays the
 * SMS. Recipients without a mobile are logged. Directory unreachable: a MessagingException, so the
 * processor's onMailetException retries the mail later (its alerts are written once, whatever the retries).
 * One instance in mailetcontainer.xml: it owns the forwarder of $CONGVU_HOME/mail/var/directive-alerts/.
 */
public class RaiseDirectiveAlerts extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RaiseDirectiveAlerts.class);

    private final DirectiveDirectory directory;
    private final Clock clock;
    private RulesFile rules;
    private AlertOutbox outbox;
    private AlertForwarder forwarder;

    @Inject
    public RaiseDirectiveAlerts(DirectiveDirectory directory) {
        this.directory = directory;
        this.clock = Clock.systemUTC();
    }

    @Override
    public void init() {
        rules = new RulesFile(RulesFile.locate(System.getenv()));
        outbox = new AlertOutbox(MailServerLocations.from(System.getenv()).workingDirectory()
            .resolve("var").resolve("directive-alerts"));
        forwarder = new AlertForwarder(outbox, rules, new IntakeCredentials(System.getenv()), clock);
        forwarder.start();
    }

    @Override
    public void destroy() {
        if (forwarder != null) {
            forwarder.stop();
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        DirectiveRules current = rules.current();
        DirectiveMail facts = DirectiveMail.read(mail, current);
        String issuerMail = facts.sender().orElseThrow(() -> new MessagingException("a directive without sender"));
        try {
            List<PendingAlert.Recipient> recipients = recipientsWithMobile(mail, facts);
            if (recipients.isEmpty()) {
                LOGGER.info("Directive {} from {}: no recipient has a mobile, no SMS", facts.messageId(), issuerMail);
                return;
            }
            Optional<UrgencyLevel> level = facts.marks().level();
            boolean urgent = level.map(UrgencyLevel::urgent).orElse(false);
            String text = AlertText.compose(current, level, issuingUnit(issuerMail), facts.marks().bareSubject());
            Instant now = clock.instant();
            Instant release = urgent ? now : current.quietWindow().releaseTime(now);
            PendingAlert alert = new PendingAlert(facts.messageId(), issuerMail, facts.subject(), text, urgent,
                recipients, release.toEpochMilli(), now.toEpochMilli());
            if (outbox.add(alert)) {
                LOGGER.info("Directive {} from {} ({}): {} alert(s) queued{}: \"{}\"", facts.messageId(), issuerMail,
                    level.map(UrgencyLevel::name).orElse("no urgency"), recipients.size(),
                    release.isAfter(now) ? " until " + release + " (quiet window)" : "", text);
                forwarder.wakeUp();
            } else {
                LOGGER.info("Directive {}: alerts already in the outbox (mail processed again)", facts.messageId());
            }
        } catch (DirectoryUnavailableException e) {
            throw new MessagingException("Cannot address the alerts of " + facts.messageId() + " now: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MessagingException("Cannot store the alerts of " + facts.messageId() + ": " + e, e);
        }
    }

    private List<PendingAlert.Recipient> recipientsWithMobile(Mail mail, DirectiveMail facts) {
        // One domain-list question per domain, not per recipient: a group of thousands shares one domain.
        Map<Domain, Boolean> localDomains = new HashMap<>();
        List<String> local = mail.getRecipients().stream()
            .filter(address -> localDomains.computeIfAbsent(address.getDomain(), getMailetContext()::isLocalServer))
            .map(MailAddress::asString)
            .toList();
        Map<String, Official> officials = directory.officials(local);
        List<PendingAlert.Recipient> recipients = new ArrayList<>();
        for (String address : local) {
            Official official = officials.get(address.toLowerCase(Locale.ROOT));
            if (official == null || !official.active()) {
                continue; // not an official's mailbox: LocalDelivery reports it
            }
            if (!official.hasMobile()) {
                LOGGER.info("Directive {}: {} has no mobile in the directory, no SMS", facts.messageId(), address);
                continue;
            }
            recipients.add(new PendingAlert.Recipient(address, official.mobile()));
        }
        return recipients;
    }

    /** The unit's name from the issuer's ou; the issuer's own name when the directory has no unit. */
    private String issuingUnit(String issuerMail) {
        Optional<Official> issuer = directory.official(issuerMail);
        return issuer.map(Official::unit).flatMap(directory::unit).map(Unit::name)
            .or(() -> issuer.map(Official::fullName))
            .orElse(issuerMail);
    }

    @Override
    public String getMailetInfo() {
        return "Hands directive alerts to the SMS gateway through a durable outbox";
    }
}
