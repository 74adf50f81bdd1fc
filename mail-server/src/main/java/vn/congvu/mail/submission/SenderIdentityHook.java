package vn.congvu.mail.submission;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.mail.groups.MailGroups.GroupsUnavailableException;

/**
 * Mail sent by a signed-in official names that official: every address of its {@code From:} and {@code Sender:}
 * headers must be one the official may send as ({@link GroupSenders}: their own, or the address of a group they
 * belong to, the office's shared address its clerks answer from). Anything else is refused with {@code 550 5.7.1}: without this an official
 * could send a letter whose {@code From:} is the chairman's. James' {@code verifyIdentity} checks the envelope
 * sender only (with the same rule), which no mail client shows.
 * <p>
 * Only sessions that signed in are checked: mail arriving from other servers on the MX port is the inbound checks'
 * business. Runs before {@link vn.congvu.mail.endpoint.ProcessBeforeReply} in each handler chain.
 */
public class SenderIdentityHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SenderIdentityHook.class);
    private static final String[] HEADERS = {"From", "Sender"};

    private final GroupSenders senders;

    @Inject
    public SenderIdentityHook(GroupSenders senders) {
        this.senders = senders;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        Username official = session.getUsername();
        try {
            for (String header : HEADERS) {
                for (String address : addresses(mail.getMessage(), header)) {
                    if (!senders.mayUse(official, address)) {
                        String why = header + ": " + address + " is not your address nor a group you belong to; send as "
                            + official.asString();
                        LOGGER.info("Refused mail of {}: {}", official.asString(), why);
                        return refused(why);
                    }
                }
            }
        } catch (UnreadableHeader e) {
            return refused(e.getMessage());
        } catch (GroupsUnavailableException e) {
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("451")
                .smtpDescription(DSNStatus.getStatus(DSNStatus.TRANSIENT, DSNStatus.SYSTEM_OTHER)
                    + " The sender address cannot be checked now (directory unreachable); try again later")
                .build();
        } catch (MessagingException e) {
            return refused("The message headers cannot be read");
        }
        return HookResult.DECLINED;
    }

    /** The addresses of every instance of the header; none when it is absent. */
    private static List<String> addresses(MimeMessage message, String header) throws MessagingException, UnreadableHeader {
        String[] values = message.getHeader(header);
        List<String> found = new ArrayList<>();
        if (values == null) {
            return found;
        }
        for (String value : values) {
            InternetAddress[] parsed;
            try {
                parsed = InternetAddress.parseHeader(value, false);
            } catch (AddressException e) {
                throw new UnreadableHeader(header + ": cannot be read as addresses");
            }
            if (parsed.length == 0) {
                throw new UnreadableHeader(header + ": names no address");
            }
            for (InternetAddress address : parsed) {
                if (address.isGroup() || address.getAddress() == null || address.getAddress().isBlank()) {
                    throw new UnreadableHeader(header + ": must name your address, not a group list");
                }
                found.add(address.getAddress().strip());
            }
        }
        return found;
    }

    private static HookResult refused(String why) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("550")
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " " + ascii(why))
            .build();
    }

    /** SMTP replies are 7-bit: an address with other characters is shown with them replaced. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.append(c >= 32 && c < 127 ? (char) c : '?'));
        return out.toString();
    }

    private static final class UnreadableHeader extends Exception {
        UnreadableHeader(String message) {
            super(message);
        }
    }
}
