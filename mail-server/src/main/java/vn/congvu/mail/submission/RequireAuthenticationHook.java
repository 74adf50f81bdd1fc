package vn.congvu.mail.submission;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;

/**
 * On the submission ports (2587, 2465) nothing is accepted before AUTH: James 3.8.1 would otherwise
 * take unauthenticated mail for local recipients there, as on the MX port. Configured in the
 * handlerchain of smtpserver.xml.
 */
public class RequireAuthenticationHook implements MailHook {
    private static final HookResult AUTHENTICATION_REQUIRED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(SMTPRetCode.AUTH_REQUIRED)
        .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH)
            + " Authentication required on the submission port")
        .build();

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (session.getUsername() == null) {
            return AUTHENTICATION_REQUIRED;
        }
        return HookResult.DECLINED;
    }
}
