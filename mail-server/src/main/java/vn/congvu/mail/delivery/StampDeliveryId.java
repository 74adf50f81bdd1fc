package vn.congvu.mail.delivery;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Writes the queue identity of the mail (its name, kept by the durable queue across restarts) into
 * the message, so a redelivery after a crash can recognise a copy it already stored.
 * First mailet of the root processor: before any split renames the mail. Overwrites any value a
 * sender supplied.
 */
public class StampDeliveryId extends GenericMailet {
    public static final String HEADER = "X-CongVu-Delivery-Id";

    @Override
    public void service(Mail mail) throws MessagingException {
        // No saveChanges(): it re-derives MIME headers from the body and throws on malformed mail,
        // which must still be delivered; a header change alone is written out as is.
        mail.getMessage().setHeader(HEADER, mail.getName());
    }

    @Override
    public String getMailetInfo() {
        return "Stamps " + HEADER + " with the queue identity of the mail";
    }
}
