package vn.congvu.mail.directive;

import java.io.UnsupportedEncodingException;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.mailet.Mail;

import vn.congvu.mail.delivery.StampDeliveryId;

/**
 * What a mail says about itself that the directive rules look at.
 *
 * @param messageId the Message-ID (or one made from the queue identity when the sender gave none): the key
 *                  that makes an alert unique per recipient
 * @param sender    the envelope sender, empty for bounces
 * @param authUser  who authenticated over SMTP to send it, empty when nobody did
 * @param subject   the decoded subject, "" when none
 */
record DirectiveMail(String messageId, Optional<String> sender, Optional<String> authUser, String subject,
                     DirectiveRules.Marks marks) {

    static DirectiveMail read(Mail mail, DirectiveRules rules) throws MessagingException {
        MimeMessage message = mail.getMessage();
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        DirectiveRules.Marks marks = rules.read(subject, header(message, rules.directiveHeader()),
            header(message, rules.urgencyHeader()));
        Optional<String> sender = mail.getMaybeSender().asOptional().map(a -> a.asString());
        Optional<String> authUser = mail.getAttribute(Mail.SMTP_AUTH_USER)
            .map(a -> String.valueOf(a.getValue().getValue()));
        return new DirectiveMail(messageId(mail, message), sender, authUser, subject, marks);
    }

    private static String messageId(Mail mail, MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        String[] delivery = message.getHeader(StampDeliveryId.HEADER);
        String queueId = delivery != null && delivery.length > 0 ? delivery[0].strip() : mail.getName();
        return "<" + queueId + "@congvu.invalid>";
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
