package vn.congvu.mail.imap.selected;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James' SELECT (its capabilities, ENABLE handling) answering through {@link Selection}. */
public class SelectIntoView extends SelectProcessor {
    private final Selection selection;

    @Inject
    public SelectIntoView(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statuses,
                          MetricFactory metrics, Selection selection) {
        super(mailboxManager, eventBus, statuses, metrics);
        this.selection = selection;
    }

    @Override
    protected Mono<Void> processRequestReactive(SelectRequest request, ImapSession session, Responder responder) {
        return selection.select(request, session, responder, false);
    }
}
