package vn.congvu.mail.imap.names;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxNameException;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James' CREATE, answering a name the store refuses with {@code NO [CANNOT]} ({@link CannotName}). */
public class InvalidNameCreateProcessor extends CreateProcessor {

    @Inject
    public InvalidNameCreateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder responder) {
        return super.processRequestReactive(request, session, responder)
            .onErrorResume(MailboxNameException.class, refused -> CannotName.answer(request, responder, getStatusResponseFactory(), refused));
    }
}
