package vn.congvu.mail.imap.selected;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SearchResUtil;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.AbstractMailboxSelectionRequest;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SELECT and EXAMINE into a {@link SessionView}, answered from one look at the mailbox: EXISTS is the number of
 * UIDs the view holds (James counted messages and listed UIDs in two reads, which could disagree under
 * concurrent writers), UNSEEN a number of that list, UIDNEXT and HIGHESTMODSEQ read after it. The view listens
 * before the look, so what is committed meanwhile reaches the client afterwards as ordinary updates.
 * QRESYNC (RFC 7162): VANISHED (EARLIER) for the known UIDs no longer there, FETCH for what changed since the
 * client's MODSEQ.
 */
public class Selection {
    private static final Logger LOGGER = LoggerFactory.getLogger(Selection.class);

    private final MailboxManager mailboxManager;
    private final EventBus eventBus;
    private final StatusResponseFactory statuses;
    private final RecentClaims recentClaims;

    @Inject
    public Selection(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statuses,
                     RecentClaims recentClaims) {
        this.mailboxManager = mailboxManager;
        this.eventBus = eventBus;
        this.statuses = statuses;
        this.recentClaims = recentClaims;
    }

    Mono<Void> select(AbstractMailboxSelectionRequest request, ImapSession session, Responder responder, boolean readOnly) {
        MailboxSession mailboxSession = session.getMailboxSession();
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        boolean qresyncAsked = !request.getLastKnownUidValidity().isUnknown();
        if (qresyncAsked && !enabled.contains(ImapConstants.SUPPORTS_QRESYNC)) {
            // RFC 7162 3.2.5: the parameter needs ENABLE QRESYNC first.
            responder.respond(statuses.taggedBad(request.getTag(), request.getCommand(), HumanReadableText.QRESYNC_NOT_ENABLED));
            return Mono.empty();
        }
        return Mono.from(mailboxManager.getMailboxReactive(PathConverter.forSession(session)
                .buildFullPath(request.getMailboxName()), mailboxSession))
            .flatMap(mailbox -> open(request, session, responder, readOnly, mailbox))
            .onErrorResume(MailboxNotFoundException.class, e -> {
                responder.respond(statuses.taggedNo(request.getTag(), request.getCommand(),
                    HumanReadableText.FAILURE_NO_SUCH_MAILBOX));
                return Mono.empty();
            })
            .onErrorResume(MailboxException.class, e -> {
                LOGGER.error("Selecting {} failed", request.getMailboxName(), e);
                responder.respond(statuses.taggedNo(request.getTag(), request.getCommand(), HumanReadableText.SELECT));
                return Mono.empty();
            });
    }

    private Mono<Void> open(AbstractMailboxSelectionRequest request, ImapSession session, Responder responder,
                            boolean readOnly, MessageManager mailbox) {
        MailboxSession mailboxSession = session.getMailboxSession();
        Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
        SelectedMailbox previous = session.getSelected();
        if (previous != null && enabled.contains(ImapConstants.SUPPORTS_QRESYNC)) {
            responder.respond(statuses.untaggedOk(HumanReadableText.QRESYNC_CLOSED, ResponseCode.closed()));
        }
        SessionView view = new SessionView(mailboxManager, eventBus, mailbox, session, recentClaims, statuses);
        MailboxMetaData.RecentMode recentMode = readOnly ? MailboxMetaData.RecentMode.RETRIEVE : MailboxMetaData.RecentMode.RESET;
        return session.selected(view)
            .then(view.listen())
            .then(Flux.defer(() -> {
                    try {
                        return Flux.from(mailbox.search(SearchQuery.of(SearchQuery.all()), mailboxSession));
                    } catch (MailboxException e) {
                        return Flux.error(e);
                    }
                }).collectList())
            .flatMap(uids -> Mono.defer(() -> {
                    try {
                        return mailbox.getMetaDataReactive(recentMode, mailboxSession, EnumSet.of(
                            MailboxMetaData.Item.FirstUnseen, MailboxMetaData.Item.HighestModSeq, MailboxMetaData.Item.NextUid));
                    } catch (MailboxException e) {
                        return Mono.error(e);
                    }
                })
                .zipWith(Mono.from(mailbox.getApplicableFlagsReactive(mailboxSession)))
                .flatMap(found -> {
                    MailboxMetaData metaData = found.getT1();
                    view.open(uids, found.getT2(), readOnly ? List.of() : metaData.getRecent());
                    answer(request, session, responder, readOnly, view, metaData);
                    return qresync(request, responder, view, metaData, mailbox, mailboxSession)
                        .then(Mono.fromRunnable(() -> {
                            boolean writeable = metaData.isWriteable() && !readOnly;
                            HumanReadableText text = qresyncAsked(request)
                                && !request.getLastKnownUidValidity().correspondsTo(metaData.getUidValidity())
                                ? HumanReadableText.QRESYNC_UIDVALIDITY_MISMATCH : HumanReadableText.SELECT;
                            responder.respond(statuses.taggedOk(request.getTag(), request.getCommand(), text,
                                writeable ? ResponseCode.readWrite() : ResponseCode.readOnly()));
                            // RFC 5182 2.1: a new selection forgets the saved search result.
                            SearchResUtil.resetSavedSequenceSet(session);
                        }));
                }));
    }

    private static boolean qresyncAsked(AbstractMailboxSelectionRequest request) {
        return !request.getLastKnownUidValidity().isUnknown();
    }

    private void answer(AbstractMailboxSelectionRequest request, ImapSession session, Responder responder, boolean readOnly,
                        SessionView view, MailboxMetaData metaData) {
        Flags flags = view.getApplicableFlags();
        responder.respond(statuses.untaggedOk(HumanReadableText.OK, ResponseCode.mailboxId(view.getMailboxId())));
        responder.respond(new FlagsResponse(flags));
        responder.respond(new ExistsResponse(view.existsCount()));
        responder.respond(new RecentResponse(view.recentCount()));
        responder.respond(statuses.untaggedOk(HumanReadableText.UID_VALIDITY, ResponseCode.uidValidity(metaData.getUidValidity())));
        MessageUid firstUnseen = metaData.getFirstUnseen();
        if (firstUnseen != null) {
            view.msn(firstUnseen).ifPresent(msn ->
                responder.respond(statuses.untaggedOk(HumanReadableText.unseen(msn), ResponseCode.unseen(msn))));
        }
        Flags permanent = metaData.getPermanentFlags();
        if (permanent.contains(Flags.Flag.USER)) {
            permanent.add(flags);
        }
        if (readOnly) {
            permanent = new Flags(); // RFC 3501 6.3.2: nothing can be changed permanently
        }
        responder.respond(statuses.untaggedOk(HumanReadableText.permanentFlags(permanent), ResponseCode.permanentFlags(permanent)));
        responder.respond(statuses.untaggedOk(HumanReadableText.HIGHEST_MOD_SEQ, ResponseCode.highestModSeq(metaData.getHighestModSeq())));
        responder.respond(statuses.untaggedOk(HumanReadableText.UIDNEXT, ResponseCode.uidNext(metaData.getUidNext())));
        if (request.getCondstore()) {
            EnableProcessor.getEnabledCapabilities(session).add(ImapConstants.SUPPORTS_CONDSTORE);
        }
    }

    /** RFC 7162 3.2.5.1, for a server that does not remember when messages were expunged. */
    private Mono<Void> qresync(AbstractMailboxSelectionRequest request, Responder responder, SessionView view,
                               MailboxMetaData metaData, MessageManager mailbox, MailboxSession mailboxSession) {
        if (!qresyncAsked(request) || !request.getLastKnownUidValidity().correspondsTo(metaData.getUidValidity())) {
            return Mono.empty();
        }
        MessageUid last = metaData.getUidNext().isFirst() ? null : metaData.getUidNext().previous();
        UidRange[] asked = request.getUidSet() != null ? request.getUidSet()
            : last == null ? new UidRange[0] : new UidRange[] {new UidRange(MessageUid.MIN_VALUE, last)};
        List<UidRange> vanished = new ArrayList<>();
        for (UidRange range : asked) {
            // Past the last UID ever given nothing can have vanished ("1:*" reaches 2^32-1).
            if (last != null && range.getLowVal().compareTo(last) <= 0) {
                MessageUid high = range.getHighVal().compareTo(last) > 0 ? last : range.getHighVal();
                vanished.addAll(view.missingWithin(range.getLowVal(), high));
            }
        }
        if (!vanished.isEmpty()) {
            responder.respond(new VanishedResponse(vanished.toArray(UidRange[]::new), true));
        }
        long since = request.getKnownModSeq() == null ? 0 : request.getKnownModSeq();
        return Flux.from(mailbox.listMessagesMetadata(MessageRange.all(), mailboxSession))
            .filter(message -> message.getModSeq().asLong() > since)
            .doOnNext(message -> {
                MessageUid uid = message.getComposedMessageId().getUid();
                view.msn(uid).ifPresent(msn -> {
                    Flags flags = new Flags(message.getFlags());
                    flags.remove(Flags.Flag.RECENT);
                    if (view.isRecent(uid)) {
                        flags.add(Flags.Flag.RECENT);
                    }
                    responder.respond(new FetchResponse(msn, flags, uid, null, message.getModSeq(),
                        null, null, null, null, null, null, null, null));
                });
            })
            .then();
    }
}
