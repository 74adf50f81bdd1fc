package vn.congvu.mail.pop3;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The POP3 greeting names the host only: James' names its software and version, which tells an attacker which
 * advisories to try. No APOP timestamp: APOP (MD5 of a shared secret) is not offered.
 */
public class HostGreeting implements ConnectHandler<POP3Session> {

    @Override
    public Response onConnect(POP3Session session) {
        return new POP3Response(POP3Response.OK_RESPONSE, session.getConfiguration().getHelloName() + " POP3 ready");
    }
}
