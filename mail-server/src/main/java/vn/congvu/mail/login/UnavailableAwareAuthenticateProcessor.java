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
import vn.congvu.mail.users.SignInSource;

/**
 * IMAP AUTHENTICATE PLAIN answering {@code NO [UNAVAILABLE]} while accounts cannot be checked and
 * {@code NO [ALERT] <sentence>} to a right password that must first be changed ({@link LoginResponder}).
 */
public class UnavailableAwareAuthenticateProcessor extends AuthenticateProcessor {
    private final SignInOutcomes outcomes;
    private final SignInSource source;

    @Inject
    public UnavailableAwareAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                                 MetricFactory metricFactory, SignInOutcomes outcomes, SignInSource source) {
        super(mailboxManager, factory, metricFactory);
        this.outcomes = outcomes;
        this.source = source;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        outcomes.forget();
        source.set("imap", ClientAddress.of(session));
        try {
            super.doAuth(attempt, session, request, answers(responder), failed);
        } finally {
            outcomes.forget();
            source.clear();
        }
    }

    @Override
    protected void doAuthWithDelegation(AuthenticationAttempt attempt, ImapSession session, ImapRequest request,
                                        Responder responder) {
        outcomes.forget();
        source.set("imap", ClientAddress.of(session));
        try {
            super.doAuthWithDelegation(attempt, session, request, answers(responder));
        } finally {
            outcomes.forget();
            source.clear();
        }
    }

    private Responder answers(Responder responder) {
        return new LoginResponder(responder, getStatusResponseFactory(), outcomes);
    }
}
