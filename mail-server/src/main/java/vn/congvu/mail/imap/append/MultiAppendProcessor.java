package vn.congvu.mail.imap.append;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.processor.AbstractMailboxProcessor;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.OverQuotaException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * MULTIAPPEND (RFC 3502): the messages are appended one after another, each as a single APPEND is (durable before
 * the next), and the tagged OK names their UIDs in order. If one cannot be appended, those already appended are
 * deleted again and the command fails as a single APPEND would (TRYCREATE, OVERQUOTA): all or none, as the RFC
 * asks. Other sessions may see the first messages come and go in that case, as after any EXPUNGE.
 */
public final class MultiAppendProcessor extends AbstractMailboxProcessor<MultiAppendRequest> implements CapabilityImplementingProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(MultiAppendProcessor.class);
    private static final List<Capability> CAPABILITIES = List.of(Capability.of("MULTIAPPEND"));

    @Inject
    public MultiAppendProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(MultiAppendRequest.class, mailboxManager, factory, metricFactory);
    }

    @Override
    public List<Capability> getImplementedCapabilities(ImapSession session) {
        return CAPABILITIES;
    }

    @Override
    protected Mono<Void> processRequestReactive(MultiAppendRequest request, ImapSession session, Responder responder) {
        MailboxPath path = PathConverter.forSession(session).buildFullPath(request.mailboxName());
        session.stopDetectingCommandInjection();
        return Mono.from(getMailboxManager().getMailboxReactive(path, session.getMailboxSession()))
            .flatMap(mailbox -> appendAll(request, session, mailbox, responder))
            .onErrorResume(MailboxNotFoundException.class, e -> {
                no(request, responder, HumanReadableText.FAILURE_NO_SUCH_MAILBOX, StatusResponse.ResponseCode.tryCreate());
                return Mono.empty();
            })
            .onErrorResume(OverQuotaException.class, e -> {
                no(request, responder, HumanReadableText.FAILURE_OVERQUOTA, StatusResponse.ResponseCode.overQuota());
                return Mono.empty();
            })
            .onErrorResume(MailboxException.class, e -> {
                LOGGER.error("MULTIAPPEND to {} failed", path, e);
                no(request, responder, HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING);
                return Mono.empty();
            });
    }

    private Mono<Void> appendAll(MultiAppendRequest request, ImapSession session, MessageManager mailbox, Responder responder) {
        MailboxSession mailboxSession = session.getMailboxSession();
        SelectedMailbox selected = session.getSelected();
        boolean isSelected = selected != null && selected.getMailboxId().equals(mailbox.getId());
        List<MessageUid> appended = new ArrayList<>();
        return Flux.fromIterable(request.messages())
            .concatMap(message -> Mono.from(mailbox.appendMessageReactive(command(message, isSelected), mailboxSession))
                .doOnNext(result -> appended.add(result.getId().getUid())))
            .then(Mono.defer(() -> {
                if (isSelected) {
                    appended.forEach(selected::addRecent);
                }
                return unsolicitedResponses(session, responder, false);
            }))
            .then(Mono.fromCallable(() -> mailbox.getMailboxEntity().getUidValidity()))
            .doOnNext(validity -> okComplete(request, StatusResponse.ResponseCode.appendUid(validity, ranges(appended)), responder))
            .onErrorResume(failure -> undo(mailbox, appended, mailboxSession).then(Mono.error(failure)))
            .then();
    }

    private static MessageManager.AppendCommand command(AppendRequest message, boolean isSelected) {
        return MessageManager.AppendCommand.builder()
            .withInternalDate(message.getDatetime())
            .withFlags(message.getFlags())
            .isRecent(!isSelected)
            .build(message.getMessage().asMailboxContent());
    }

    /** All or none: what was appended before the failure is deleted again. */
    private static Mono<Void> undo(MessageManager mailbox, List<MessageUid> appended, MailboxSession session) {
        if (appended.isEmpty()) {
            return Mono.empty();
        }
        return mailbox.deleteReactive(List.copyOf(appended), session)
            .onErrorResume(e -> {
                LOGGER.error("MULTIAPPEND failed and {} of its messages could not be removed again", appended.size(), e);
                return Mono.empty();
            });
    }

    /** The UIDs in the order of the messages, runs of consecutive ones as ranges. */
    private static UidRange[] ranges(List<MessageUid> uids) {
        List<UidRange> ranges = new ArrayList<>();
        int from = 0;
        for (int at = 1; at <= uids.size(); at++) {
            if (at == uids.size() || uids.get(at).asLong() != uids.get(at - 1).asLong() + 1) {
                ranges.add(from == at - 1 ? new UidRange(uids.get(from)) : new UidRange(uids.get(from), uids.get(at - 1)));
                from = at;
            }
        }
        return ranges.toArray(UidRange[]::new);
    }

    @Override
    protected MDCBuilder mdc(MultiAppendRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, "MULTIAPPEND")
            .addToContext("mailbox", request.mailboxName());
    }
}
