package vn.congvu.mail.authentication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the MX port (smtpserver.xml): the DKIM signatures of mail from other servers are verified and the result
 * written as {@code Authentication-Results: <our domain>; dkim=…} (RFC 8601); such headers from outside that claim
 * our domain are forged and removed first. It never refuses mail: a key that cannot be looked up is
 * {@code dkim=temperror}, and a mail whose check breaks is delivered without our header.
 */
public class VerifyDkimHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(VerifyDkimHook.class);

    private final DkimVerification verification;
    private final DomainList domains;

    @Inject
    public VerifyDkimHook(DNSService dns, DomainList domains) {
        this.verification = new DkimVerification(new KeyRecords(dns));
        this.domains = domains;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            String authservId = domains.getDefaultDomain().asString();
            int forged = AuthenticationResults.removeClaimsOf(message, authservId);
            if (forged > 0) {
                LOGGER.info("Removed {} forged Authentication-Results header(s) from mail {}", forged, mail.getName());
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(mail.getMessageSize(), 1 << 24)));
            message.writeTo(received);
            List<DkimResult> results = verification.verify(received.toByteArray(), message.getHeader("DKIM-Signature"));
            message.addHeader(AuthenticationResults.HEADER, AuthenticationResults.value(authservId, results));
            message.saveChanges();
        } catch (MessagingException | IOException | DomainListException | RuntimeException e) {
            LOGGER.warn("DKIM check of mail {} failed, delivered without it: {}", mail.getName(), e.toString());
        }
        return HookResult.DECLINED;
    }
}
