package vn.congvu.mail.imap.names;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxNameException;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James' RENAME, answering a new name the store refuses with {@code NO [CANNOT]} ({@link CannotName}). */
public class InvalidNameRenameProcessor extends RenameProcessor {

    @Inject
    public InvalidNameRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        return super.processRequestReactive(request, session, responder)
            .onErrorResume(MailboxNameException.class, refused -> CannotName.answer(request, responder, getStatusResponseFactory(), refused));
    }
}
