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

import vn.congvu.mail.imap.ClientAddress;
import vn.congvu.mail.users.SignInOutcomes;

/**
 * IMAP LOGIN answering {@code NO [UNAVAILABLE]} while accounts cannot be checked ({@link UnavailableResponder}),
 * {@code NO [ALERT] <sentence>} to a right password that must first be changed ({@link NewPasswordResponder}),
 * and taking the migration's master login ({@link MigrationLogin}).
 */
public class UnavailableAwareLoginProcessor extends LoginProcessor {
    private final MigrationLogin migration;
    private final SignInOutcomes outcomes;

    @Inject
    public UnavailableAwareLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                          MigrationLogin migration, SignInOutcomes outcomes) {
        super(mailboxManager, factory, metricFactory);
        this.migration = migration;
        this.outcomes = outcomes;
    }

    @Override
    protected void doAuth(AuthenticationAttempt attempt, ImapSession session, ImapRequest request, Responder responder,
                          HumanReadableText failed) {
        Responder answers = new UnavailableResponder(responder, getStatusResponseFactory());
        Optional<Username> official = Optional.ofNullable(attempt.getAuthenticationId()).flatMap(MigrationLogin::official);
        if (official.isEmpty()) {
            outcomes.forget();
            try {
                super.doAuth(attempt, session, request, new NewPasswordResponder(answers, getStatusResponseFactory(), outcomes),
                    failed);
            } finally {
                outcomes.forget();
            }
            return;
        }
        try {
            if (migration.admit(attempt.getAuthenticationId(), official.get(), attempt.getPassword(), ClientAddress.of(session))) {
                authSuccess(official.get(), session, request, answers);
            } else {
                manageFailureCount(session, request, answers, failed);
            }
        } catch (UsersRepositoryException e) {
            no(request, answers, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
        }
    }
}
