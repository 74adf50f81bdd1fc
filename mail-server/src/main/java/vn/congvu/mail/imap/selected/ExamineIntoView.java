package vn.congvu.mail.imap.selected;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** James' EXAMINE (its capabilities, ENABLE handling) answering through {@link Selection}. */
public class ExamineIntoView extends ExamineProcessor {
    private final Selection selection;

    @Inject
    public ExamineIntoView(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statuses,
                          MetricFactory metrics, Selection selection) {
        super(mailboxManager, eventBus, statuses, metrics);
        this.selection = selection;
    }

    @Override
    protected Mono<Void> processRequestReactive(ExamineRequest request, ImapSession session, Responder responder) {
        return selection.select(request, session, responder, true);
    }
}
