package vn.congvu.mail.login;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

/** IMAP AUTHENTICATE PLAIN answering {@code NO [UNAVAILABLE]} while accounts cannot be checked ({@link UnavailableResponder}). */
public class UnavailableAwareAuthenticateProcessor extends AuthenticateProcessor {

    @Inject
    public UnavailableAwareAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                                 MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        super.doAuth(attempt, session, request, new UnavailableResponder(responder, getStatusResponseFactory()), failed);
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        super.doAuthWithDelegation(attempt, session, request, new UnavailableResponder(responder, getStatusResponseFactory()));
    }
}
