package vn.congvu.mail.imap.list;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

import com.google.common.base.Splitter;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import vn.congvu.mail.imap.names.ModifiedUtf7Names;

/**
 * James' LIST, answering RFC 5258's forms it does not: several patterns ({@link PatternListCommandParser}), each
 * mailbox listed once however many patterns match it; the REMOTE selection option, which James answered with
 * nothing although it only adds remote mailboxes (this server has none); and a pattern that is not modified
 * UTF-7, which matches no mailbox (James' decoding of it closed the connection).
 */
public class PatternListProcessor extends ListProcessor<ListRequest> {

    @Inject
    public PatternListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                SubscriptionManager subscriptionManager, StatusProcessor statusProcessor, MailboxTyper mailboxTyper) {
        super(mailboxManager, factory, metricFactory, subscriptionManager, statusProcessor, mailboxTyper);
    }

    @Override
    protected Mono<Void> processRequestReactive(ListRequest request, ImapSession session, Responder responder) {
        List<String> patterns = Splitter.on(PatternListCommandParser.SEPARATOR).splitToList(request.getMailboxPattern());
        if (patterns.size() == 1 && !request.selectRemote() && ModifiedUtf7Names.valid(patterns.get(0))) {
            return super.processRequestReactive(request, session, responder);
        }
        OnceEach listing = new OnceEach(responder);
        return Flux.fromIterable(patterns)
            .filter(ModifiedUtf7Names::valid)
            .concatMap(pattern -> super.processRequestReactive(withPattern(request, pattern), session, listing))
            .then(Mono.fromRunnable(() -> listing.failure().ifPresentOrElse(responder::respond, () -> okComplete(request, responder))));
    }

    private static ListRequest withPattern(ListRequest request, String pattern) {
        EnumSet<ListRequest.ListSelectOption> selection = request.getSelectOptions().clone();
        selection.remove(ListRequest.ListSelectOption.REMOTE);
        return new ListRequest(request.getCommand(), request.getBaseReferenceName(), pattern, request.getTag(),
            selection, request.getReturnOptions(), request.getStatusDataItems());
    }

    /**
     * Passes on each mailbox's LIST once, with what follows it (STATUS, MYRIGHTS), and holds back the tagged
     * answer of each pattern: the command gets one, the first failure or OK.
     */
    private static final class OnceEach implements Responder {
        private final Responder responder;
        private final Set<String> listed = new HashSet<>();
        private boolean passing = true;
        private StatusResponse failure;

        OnceEach(Responder responder) {
            this.responder = responder;
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (message instanceof StatusResponse status && status.getTag() != null) {
                if (status.getServerResponseType() != StatusResponse.Type.OK && failure == null) {
                    failure = status;
                }
                return;
            }
            if (message instanceof ListResponse list) {
                passing = listed.add(list.getName());
            }
            if (passing) {
                responder.respond(message);
            }
        }

        @Override
        public void flush() {
            responder.flush();
        }

        synchronized Optional<StatusResponse> failure() {
            return Optional.ofNullable(failure);
        }
    }
}
