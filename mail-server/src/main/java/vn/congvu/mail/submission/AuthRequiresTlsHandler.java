package vn.congvu.mail.submission;

import java.util.Collection;
import java.util.List;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Refuses SMTP AUTH on a connection that is not encrypted. James 3.8.1's {@code auth.requireSSL} only
 * hides AUTH from EHLO before STARTTLS; its AuthCmdHandler still checks a password sent in clear text.
 * Listed before CoreCmdHandlerLoader in smtpserver.xml so it answers first; on TLS it steps aside (null).
 */
public class AuthRequiresTlsHandler implements CommandHandler<SMTPSession> {
    private static final Response ENCRYPTION_REQUIRED =
        new SMTPResponse("538", "5.7.11 Encryption required: use STARTTLS before AUTH").immutable();

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        if (session.isTLSStarted()) {
            return null;
        }
        return ENCRYPTION_REQUIRED;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("AUTH");
    }
}
