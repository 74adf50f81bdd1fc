package vn.congvu.mail.signature;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.Converter7Bit;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.mail.locations.MailServerLocations;

/**
 * Signs a mail for another domain with the domain's DKIM key (RFC 6376: rsa-sha256, relaxed/relaxed, the headers
 * of dkim.properties), just before RemoteDelivery, so the signature covers the message as it leaves: every header
 * the pipeline adds or removes is already in place. 8bit parts are made quoted-printable first, the message is
 * written out once, signed as written, and the signature header added; its bytes are not touched again
 * (RemoteDelivery sends the stored headers and body as they are).
 * The key is created on the first start when it is missing (the TXT record: {@code ./congvu dkim}).
 */
public class SignOutgoing extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(SignOutgoing.class);
    static final String HEADER = "DKIM-Signature";

    private final DomainList domains;
    private SigningKey key;
    private String template;
    private Converter7Bit sevenBit;

    @Inject
    public SignOutgoing(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public void init() throws MessagingException {
        DkimSettings settings = DkimSettings.load(MailServerLocations.from(System.getenv()));
        sevenBit = new Converter7Bit(getMailetContext());
        try {
            key = SigningKey.loadOrCreate(settings.keyFile());
            String domain = domains.getDefaultDomain().asString();
            template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + settings.selector()
                + "; h=" + String.join(":", settings.signedHeaders()) + "; bh=; b=;";
            LOGGER.info("DKIM: signing mail to other domains as d={} s={} (key {})", domain, settings.selector(),
                settings.keyFile());
        } catch (IOException | DomainListException e) {
            throw new MessagingException("DKIM key unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        ByteArrayOutputStream written = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(mail.getMessageSize(), 1 << 24)));
        try {
            // RemoteDelivery re-encodes 8bit parts for a server without 8BITMIME, which would break the signature:
            // they are made 7bit here, before signing, so it finds nothing to change.
            sevenBit.convertTo7Bit(message);
            // Whatever saving the message would still change (MIME-Version, a missing Message-ID) happens before signing.
            message.saveChanges();
            message.writeTo(written);
            String signature = new DKIMSigner(template, key.privateKey()).sign(new ByteArrayInputStream(written.toByteArray()));
            message.addHeader(HEADER, signature.substring(signature.indexOf(':') + 1).trim());
            message.saveChanges();
        } catch (IOException | FailException e) {
            // Unsigned mail still goes: a peer may then treat it as suspicious, but it is not lost.
            LOGGER.error("DKIM: could not sign mail {}: {}", mail.getName(), e.getMessage());
        }
    }

    @Override
    public String getMailetInfo() {
        return "DKIM signature of mail leaving for other domains";
    }
}
