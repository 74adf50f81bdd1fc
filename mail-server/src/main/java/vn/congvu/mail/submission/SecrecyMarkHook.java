package vn.congvu.mail.submission;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.directory.text.VietnameseDiacritics;

/**
 * State secrets do not travel by official mail: a message an official submits whose subject (or Keywords,
 * Comments) carries a secrecy mark ({@code [MẬT]}, {@code [TỐI MẬT]}, {@code [TUYỆT MẬT]}, any case, with or without
 * diacritics) or that has an {@code X-CongVu-Secrecy} header is refused with {@code 550 5.7.1} naming the rule.
 * Only signed-in sessions are checked: submission is where an official can still choose another channel.
 */
public class SecrecyMarkHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SecrecyMarkHook.class);
    static final String SECRECY_HEADER = "X-CongVu-Secrecy";
    private static final String[] MARKED_HEADERS = {"Subject", "Keywords", "Comments"};
    /** On text without diacritics, upper case: the longest marks first so the reply names the right one. */
    private static final Pattern MARK = Pattern.compile("\\[\\s*(TUYET\\s+MAT|TOI\\s+MAT|MAT)\\s*\\]");

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (session.getUsername() == null) {
            return HookResult.DECLINED;
        }
        try {
            Optional<String> rule = rule(mail.getMessage());
            if (rule.isPresent()) {
                LOGGER.info("Refused mail of {}: {}", session.getUsername().asString(), rule.get());
                return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode("550")
                    .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " " + rule.get())
                    .build();
            }
        } catch (MessagingException e) {
            return HookResult.DECLINED; // unreadable headers are the other checks' concern; nothing marked was seen
        }
        return HookResult.DECLINED;
    }

    /** The rule the message breaks, as the reply says it; empty when it carries no mark. */
    static Optional<String> rule(MimeMessage message) throws MessagingException {
        if (message.getHeader(SECRECY_HEADER) != null) {
            return Optional.of("Secrecy marked (" + SECRECY_HEADER + "): state secrets are not sent by official mail");
        }
        for (String header : MARKED_HEADERS) {
            String[] values = message.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                Optional<String> mark = mark(decoded(value));
                if (mark.isPresent()) {
                    return Optional.of("Secrecy mark [" + mark.get() + "] in " + header
                        + ": state secrets are not sent by official mail");
                }
            }
        }
        return Optional.empty();
    }

    /** The mark found, in capitals without diacritics ({@code TOI MAT}); empty when none. */
    static Optional<String> mark(String text) {
        Matcher m = MARK.matcher(VietnameseDiacritics.strip(text).toUpperCase(Locale.ROOT));
        return m.find() ? Optional.of(m.group(1).replaceAll("\\s+", " ")) : Optional.empty();
    }

    private static String decoded(String raw) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw));
        } catch (java.io.UnsupportedEncodingException e) {
            return raw;
        }
    }
}
