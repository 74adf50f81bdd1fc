package vn.congvu.mail.pop3;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.UserCmdHandler;

/**
 * USER only over TLS (after STLS on the plain port, or on POP3S): a password is never sent in clear. Before TLS the
 * answer is {@code -ERR [AUTH]} (RFC 3206) and CAPA does not offer USER, as Dovecot does.
 */
public class TlsUserCmdHandler extends UserCmdHandler {
    static final Response PLAINTEXT_DISALLOWED = new POP3Response(POP3Response.ERR_RESPONSE,
        "[AUTH] Plaintext authentication disallowed on non-secure connections; use STLS or POP3S").immutable();

    @Inject
    public TlsUserCmdHandler(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        if (!session.isTLSStarted()) {
            return PLAINTEXT_DISALLOWED;
        }
        return super.onCommand(session, request);
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return session.isTLSStarted() ? super.getImplementedCapabilities(session) : Set.of();
    }
}
