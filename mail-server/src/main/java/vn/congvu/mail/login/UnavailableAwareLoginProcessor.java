package vn.congvu.mail.login;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.user.api.UsersRepositoryException;

import vn.congvu.mail.users.SignInOutcomes;
import vn.congvu.mail.users.SignInSource;

/**
 * IMAP LOGIN answering {@code NO [UNAVAILABLE]} while accounts cannot be checked and {@code NO [ALERT] <sentence>}
 * to a right password that must first be changed ({@link LoginResponder}),
 * and taking the migration's master login ({@link MigrationLogin}).
 */
public class UnavailableAwareLoginProcessor extends LoginProcessor {
    private final MigrationLogin migration;
    private final SignInOutcomes outcomes;
    private final SignInSource source;

    @Inject
    public UnavailableAwareLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                          MigrationLogin migration, SignInOutcomes outcomes, SignInSource source) {
        super(mailboxManager, factory, metricFactory);
        this.migration = migration;
        this.outcomes = outcomes;
        this.source = source;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        Responder answers = new LoginResponder(responder, getStatusResponseFactory(), outcomes);
        Optional<Username> official = Optional.ofNullable(attempt.getAuthenticationId()).flatMap(MigrationLogin::official);
        outcomes.forget(); // nothing an earlier command left on this thread decides this answer
        source.set("imap", ClientAddress.of(session));
        try {
            if (official.isEmpty()) {
                super.doAuth(attempt, session, request, answers, failed);
            } else if (migration.admit(attempt.getAuthenticationId(), official.get(), attempt.getPassword(),
                    ClientAddress.of(session))) {
                authSuccess(official.get(), session, request, answers);
            } else {
                manageFailureCount(session, request, answers, failed);
            }
        } catch (UsersRepositoryException e) {
            no(request, answers, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
        } finally {
            outcomes.forget();
            source.clear();
        }
    }
}
