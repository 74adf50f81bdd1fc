package vn.congvu.mail.login;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import vn.congvu.mail.users.SignInOutcomes;

/**
 * IMAP AUTHENTICATE PLAIN answering {@code NO [UNAVAILABLE]} while accounts cannot be checked and
 * {@code NO [ALERT] <sentence>} to a right password that must first be changed ({@link LoginResponder}).
 */
public class UnavailableAwareAuthenticateProcessor extends AuthenticateProcessor {
    private final SignInOutcomes outcomes;

    @Inject
    public UnavailableAwareAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                                 MetricFactory metricFactory, SignInOutcomes outcomes) {
        super(mailboxManager, factory, metricFactory);
        this.outcomes = outcomes;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        outcomes.forget();
        try {
            super.doAuth(attempt, session, request, answers(responder), failed);
        } finally {
            outcomes.forget();
        }
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        outcomes.forget();
        try {
            super.doAuthWithDelegation(attempt, session, request, answers(responder));
        } finally {
            outcomes.forget();
        }
    }

    private Responder answers(Responder responder) {
        return new LoginResponder(responder, getStatusResponseFactory(), outcomes);
    }
}
