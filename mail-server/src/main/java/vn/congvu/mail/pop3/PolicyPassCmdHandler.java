package vn.congvu.mail.pop3;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.BadCredentialsException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.pop3server.mailbox.MailboxAdapterFactory;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.AbstractPassCmdHandler;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import vn.congvu.mail.users.SignInOutcomes;
import vn.congvu.mail.users.SignInSource;

/**
 * PASS under the shared sign-in policy, as IMAP LOGIN: the mailbox manager's authenticator applies the failed-login
 * delay and counts failures in the directory; a right password that must first be changed on the console gets
 * {@code -ERR [AUTH] <sentence>}, a directory outage {@code -ERR [SYS/TEMP]} (RFC 3206), anything else one
 * {@code -ERR [AUTH] Authentication failed.} whether the account exists, is locked or the password is wrong.
 * USER before TLS never gets here ({@link TlsUserCmdHandler}).
 */
public class PolicyPassCmdHandler extends AbstractPassCmdHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyPassCmdHandler.class);
    private static final Response FAILED = new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] Authentication failed.").immutable();
    private static final Response UNAVAILABLE = new POP3Response(POP3Response.ERR_RESPONSE,
        "[SYS/TEMP] Accounts cannot be checked now; try again later").immutable();

    private final MailboxManager manager;
    private final MailboxAdapterFactory adapters;
    private final SignInOutcomes outcomes;
    private final SignInSource source;

    @Inject
    public PolicyPassCmdHandler(@Named("mailboxmanager") MailboxManager manager, MailboxAdapterFactory adapters,
                                MetricFactory metricFactory, SignInOutcomes outcomes, SignInSource source) {
        super(metricFactory);
        this.manager = manager;
        this.adapters = adapters;
        this.outcomes = outcomes;
        this.source = source;
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String password = request.getArgument();
        if (session.getHandlerState() != POP3Session.AUTHENTICATION_USERSET || password == null) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            return FAILED;
        }
        outcomes.forget();
        source.set("pop3", Optional.ofNullable(session.getRemoteAddress()));
        try {
            Mailbox mailbox = open(session, session.getUsername(), password);
            if (mailbox == null) {
                session.setHandlerState(POP3Session.AUTHENTICATION_READY);
                return outcomes.newPasswordRequired()
                    .<Response>map(sentence -> new POP3Response(POP3Response.ERR_RESPONSE, "[AUTH] " + sentence))
                    .orElse(FAILED);
            }
            session.setUserMailbox(mailbox);
            stat(session);
            session.setHandlerState(POP3Session.TRANSACTION);
            return new POP3Response(POP3Response.OK_RESPONSE, "Logged in.");
        } catch (MailboxException e) {
            session.setHandlerState(POP3Session.AUTHENTICATION_READY);
            if (causedBy(e, UsersRepositoryException.class)) {
                return UNAVAILABLE;
            }
            LOGGER.error("POP3 login of {}: the mailbox cannot be opened", session.getUsername().asString(), e);
            return new POP3Response(POP3Response.ERR_RESPONSE, "[SYS/TEMP] The mailbox cannot be opened now").immutable();
        } finally {
            outcomes.forget();
            source.clear();
        }
    }

    @Override
    protected Mailbox auth(POP3Session session, Username username, String password) throws Exception {
        return open(session, username, password);
    }

    /** The official's INBOX (made if it is missing), or null for a refused sign-in. */
    private Mailbox open(POP3Session session, Username username, String password) throws MailboxException {
        MailboxSession mailboxSession;
        try {
            mailboxSession = manager.authenticate(username, password).withoutDelegation();
        } catch (BadCredentialsException e) {
            return null;
        }
        session.stopDetectingCommandInjection();
        manager.startProcessingRequest(mailboxSession);
        try {
            MailboxPath inbox = MailboxPath.inbox(mailboxSession);
            if (!Mono.from(manager.mailboxExists(inbox, mailboxSession)).block()) {
                manager.createMailbox(inbox, mailboxSession);
            }
            MessageManager mailbox = manager.getMailbox(inbox, mailboxSession);
            return adapters.create(mailbox, mailboxSession);
        } finally {
            manager.endProcessingRequest(mailboxSession);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
