package vn.congvu.mail.imap.selected;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.response.ExistsResponse;
import org.apache.james.imap.message.response.ExpungeResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.message.response.RecentResponse;
import org.apache.james.imap.message.response.VanishedResponse;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse.ResponseCode;
import org.apache.james.imap.processor.base.UidMsnConverter;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.NullableMessageSequenceNumber;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.FlagsUpdated;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.mailbox.events.MailboxEvents.MailboxEvent;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.reactivestreams.Publisher;

import com.github.fge.lambdas.Throwing;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A selected mailbox as one IMAP session's client knows it: the sequence numbers it was told of, and the changes
 * made by others that it has not been told yet. Sequence numbers change only when the client is told (an EXISTS
 * for new messages, an EXPUNGE for gone ones), at the moments {@link SessionUpdates} allows, never when another
 * session's write happens: a message number the client holds stays valid until its EXPUNGE is sent.
 * <p>
 * James' own view (3.8.1's {@code SelectedMailboxImpl}) numbered new messages the moment their event arrived, on
 * another thread, out of order with the other events: FETCH and EXPUNGE answers named numbers the client had never
 * been told of, keywords appeared before their FLAGS, a new message was \Recent in every session. Here James'
 * processors see an inert view for their unsolicited answers (no size change, nothing expunged, no flag update),
 * and {@link SessionUpdates} tells the client instead. Events are taken synchronously, in the order the mailbox's
 * writers commit them.
 */
public final class SessionView implements SelectedMailbox, EventListener.ReactiveEventListener {
    private final MailboxManager mailboxManager;
    private final EventBus eventBus;
    private final MessageManager mailbox;
    private final MailboxId mailboxId;
    private final ImapSession imapSession;
    private final MailboxSession session;
    private final RecentClaims recentClaims;
    private final StatusResponseFactory statuses;
    private final AtomicReference<Registration> registration = new AtomicReference<>();
    private final AtomicReference<ReactiveEventListener> idle = new AtomicReference<>();

    // All below guarded by this.
    /** The messages the client knows of, by sequence number; expunged ones stay until their EXPUNGE is sent. */
    private final UidMsnConverter known = new UidMsnConverter();
    private final TreeSet<MessageUid> added = new TreeSet<>();
    private final TreeSet<MessageUid> expunged = new TreeSet<>();
    private final TreeMap<MessageUid, UpdatedFlags> flagChanges = new TreeMap<>();
    private final Set<MessageUid> recent = new TreeSet<>();
    /** Every flag the mailbox has used, and those the client was told of in a FLAGS answer. */
    private final Flags defined = new Flags();
    private final Flags announced = new Flags();
    /** Events that came between the registration and the first look at the mailbox; null once replayed. */
    private List<MailboxEvent> early = new ArrayList<>();
    private boolean deletedByOtherSession;

    public SessionView(MailboxManager mailboxManager, EventBus eventBus, MessageManager mailbox, ImapSession imapSession,
                       RecentClaims recentClaims, StatusResponseFactory statuses) {
        this.mailboxManager = mailboxManager;
        this.eventBus = eventBus;
        this.mailbox = mailbox;
        this.mailboxId = mailbox.getId();
        this.imapSession = imapSession;
        this.session = imapSession.getMailboxSession();
        this.recentClaims = recentClaims;
        this.statuses = statuses;
    }

    /** Listens to the mailbox before its first look, so nothing committed in between is missed. */
    Mono<Void> listen() {
        return Mono.from(eventBus.register(this, new MailboxIdRegistrationKey(mailboxId)))
            .doOnNext(registration::set)
            .then();
    }

    /**
     * The first look: the messages (ascending UIDs), the flags in use, and the stored \Recent ones this session may
     * claim (none for EXAMINE). The events that came meanwhile are replayed against it: one already seen is ignored.
     */
    synchronized void open(List<MessageUid> uids, Flags flagsInUse, List<MessageUid> storedRecent) {
        known.addAll(uids);
        addDefined(flagsInUse);
        announced.add(defined);
        for (MessageUid uid : new TreeSet<>(storedRecent)) {
            if (known.getMsn(uid).asInt().isPresent() && recentClaims.claim(mailboxId, uid)) {
                recent.add(uid);
            }
        }
        List<MailboxEvent> replay = early;
        early = null;
        replay.forEach(this::apply);
    }

    // ---- events -------------------------------------------------------------------------------------------

    @Override
    public ExecutionMode getExecutionMode() {
        // Taken before the writer goes on, so a command that follows a write sees its effect in this view.
        return ExecutionMode.SYNCHRONOUS;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof MailboxEvent mailboxEvent && mailboxId.equals(mailboxEvent.getMailboxId());
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (!(event instanceof MailboxEvent mailboxEvent)) {
            return Mono.empty();
        }
        if (imapSession.getSelected() != this) {
            // James' CLOSE and UNSELECT forget the selected mailbox without deselecting it (3.8.1's
            // NettyImapSession.deselect): a view left behind must not take events, nor claim \Recent.
            deselect().subscribe();
            return Mono.empty();
        }
        boolean news = record(mailboxEvent);
        ReactiveEventListener idling = idle.get();
        if (news && idling != null) {
            // The IDLE answer is written off the writer's thread: the writer holds the mailbox.
            Mono.from(idling.reactiveEvent(event)).subscribeOn(Schedulers.boundedElastic()).subscribe();
        }
        return Mono.empty();
    }

    private synchronized boolean record(MailboxEvent event) {
        if (early != null) {
            early.add(event);
            return false;
        }
        return apply(event);
    }

    /** True when the event changed what this client will be told. */
    private boolean apply(MailboxEvent event) {
        if (event instanceof Added addedEvent) {
            boolean news = false;
            Optional<MessageUid> last = known.getLastUid();
            for (MessageUid uid : new TreeSet<>(addedEvent.getUids())) {
                if (last.isPresent() && uid.compareTo(last.get()) <= 0 || added.contains(uid)) {
                    continue; // already in the first look
                }
                added.add(uid);
                if (recentClaims.claim(mailboxId, uid)) {
                    recent.add(uid);
                }
                news = true;
            }
            return news;
        }
        if (event instanceof Expunged expungedEvent) {
            boolean news = false;
            for (MessageUid uid : expungedEvent.getUids()) {
                flagChanges.remove(uid);
                if (added.remove(uid)) {
                    recent.remove(uid);
                } else if (known.getMsn(uid).asInt().isPresent()) {
                    news |= expunged.add(uid);
                }
            }
            return news;
        }
        if (event instanceof FlagsUpdated flagsEvent) {
            boolean news = false;
            boolean ours = session.getSessionId().equals(flagsEvent.getSessionId());
            for (UpdatedFlags update : flagsEvent.getUpdatedFlags()) {
                addDefined(update.getNewFlags());
                // This session's own STORE answers for itself (or is .SILENT); \Recent is this view's business.
                if (!ours && !withoutRecent(update.getOldFlags()).equals(withoutRecent(update.getNewFlags()))
                        && !expunged.contains(update.getUid()) && known.getMsn(update.getUid()).asInt().isPresent()) {
                    flagChanges.put(update.getUid(), update);
                    news = true;
                }
            }
            return news || !announced.contains(defined);
        }
        if (event instanceof MailboxDeletion deletion && !session.getSessionId().equals(deletion.getSessionId())) {
            deletedByOtherSession = true;
        }
        return false;
    }

    private static Flags withoutRecent(Flags flags) {
        Flags copy = new Flags(flags);
        copy.remove(Flags.Flag.RECENT);
        return copy;
    }

    private void addDefined(Flags flags) {
        Flags copy = withoutRecent(flags);
        defined.add(copy);
    }

    // ---- telling the client (called by SessionUpdates, with the connection's own responder) -----------------

    /** New messages: EXISTS (and RECENT); allowed at any time a command is in progress. */
    synchronized void tellAdditions(Responder responder) {
        if (added.isEmpty()) {
            return;
        }
        known.addAll(new ArrayList<>(added));
        added.clear();
        responder.respond(new ExistsResponse(known.getNumMessage()));
        responder.respond(new RecentResponse(recentCount()));
    }

    /**
     * Everything the client has not been told: new flags, then the expunges (when the command allows them), the
     * flag changes of others, and the new messages.
     */
    synchronized void tellChanges(Responder responder, boolean expungesAllowed, boolean vanished, boolean withModSeq) {
        tellNewFlags(responder, new Flags());
        if (expungesAllowed && !expunged.isEmpty()) {
            List<MessageUid> gone = new ArrayList<>(expunged);
            expunged.clear();
            if (vanished) {
                gone.forEach(known::remove);
                responder.respond(new VanishedResponse(MessageRange.toRanges(gone).stream()
                    .map(range -> new UidRange(range.getUidFrom(), range.getUidTo()))
                    .toArray(UidRange[]::new), false));
            } else {
                for (MessageUid uid : gone) {
                    responder.respond(new ExpungeResponse(known.getAndRemove(uid)));
                }
            }
            gone.forEach(recent::remove);
        }
        for (Map.Entry<MessageUid, UpdatedFlags> change : flagChanges.entrySet()) {
            MessageUid uid = change.getKey();
            if (expunged.contains(uid)) {
                continue; // gone; its EXPUNGE comes at the next moment that allows one
            }
            known.getMsn(uid).ifPresent(msn -> {
                Flags flags = withoutRecent(change.getValue().getNewFlags());
                if (recent.contains(uid)) {
                    flags.add(Flags.Flag.RECENT);
                }
                responder.respond(new FetchResponse(msn, flags, uid, null,
                    withModSeq ? change.getValue().getModSeq() : null, null, null, null, null, null, null, null, null));
            });
        }
        flagChanges.clear();
        tellAdditions(responder);
    }

    /**
     * FLAGS and PERMANENTFLAGS when the mailbox uses a flag the client was not told of, or {@code about to be shown}
     * holds one: a keyword must be announced before a FETCH shows it.
     */
    synchronized void tellNewFlags(Responder responder, Flags aboutToBeShown) {
        addDefined(aboutToBeShown);
        if (announced.contains(defined)) {
            return;
        }
        announced.add(defined);
        responder.respond(new FlagsResponse(new Flags(defined)));
        Flags permanent = mailbox.getPermanentFlags(session);
        if (permanent.contains(Flags.Flag.USER)) {
            permanent.add(defined);
        }
        responder.respond(statuses.untaggedOk(HumanReadableText.permanentFlags(permanent),
            ResponseCode.permanentFlags(permanent)));
    }

    /** The UIDs from {@code low} to {@code high} that the view does not hold, as ranges (QRESYNC's VANISHED). */
    synchronized List<UidRange> missingWithin(MessageUid low, MessageUid high) {
        List<UidRange> missing = new ArrayList<>();
        long next = low.asLong();
        for (int msn = 1; msn <= known.getNumMessage() && next <= high.asLong(); msn++) {
            long uid = known.getUid(msn).orElseThrow().asLong();
            if (uid > next) {
                missing.add(new UidRange(MessageUid.of(next), MessageUid.of(Math.min(uid - 1, high.asLong()))));
            }
            next = Math.max(next, uid + 1);
        }
        return missing;
    }

    /** A FLAGS answer went to the client. */
    synchronized void announced(Flags flags) {
        announced.add(withoutRecent(flags));
    }

    // ---- SelectedMailbox: what James' processors ask ---------------------------------------------------------

    @Override
    public Mono<Void> deselect() {
        return Mono.justOrEmpty(registration.getAndSet(null))
            .flatMap(current -> Mono.from(current.unregister()))
            .then();
    }

    @Override
    public void registerIdle(ReactiveEventListener listener) {
        idle.set(listener);
    }

    @Override
    public void unregisterIdle() {
        idle.set(null);
    }

    @Override
    public synchronized NullableMessageSequenceNumber msn(MessageUid uid) {
        return known.getMsn(uid);
    }

    @Override
    public synchronized Optional<MessageUid> uid(int msn) {
        return msn == NO_SUCH_MESSAGE ? Optional.empty() : known.getUid(msn);
    }

    /** Only this session's own APPEND to its selected mailbox calls this; the event has usually claimed it. */
    @Override
    public synchronized boolean addRecent(MessageUid uid) {
        if (recentClaims.claim(mailboxId, uid)) {
            recent.add(uid);
        }
        return recent.contains(uid);
    }

    @Override
    public synchronized boolean removeRecent(MessageUid uid) {
        return recent.remove(uid);
    }

    @Override
    public synchronized Collection<MessageUid> getRecent() {
        return recent.stream().filter(uid -> known.getMsn(uid).asInt().isPresent()).toList();
    }

    @Override
    public synchronized int recentCount() {
        return getRecent().size();
    }

    @Override
    public synchronized long existsCount() {
        return known.getNumMessage();
    }

    @Override
    public Mono<MailboxPath> getPathReactive() {
        return Mono.from(mailboxManager.getMailboxReactive(mailboxId, session))
            .map(Throwing.function(MessageManager::getMailboxPath));
    }

    @Override
    public MailboxId getMailboxId() {
        return mailboxId;
    }

    @Override
    public MessageManager getMessageManager() {
        return mailbox;
    }

    @Override
    public synchronized boolean isRecent(MessageUid uid) {
        return recent.contains(uid);
    }

    @Override
    public synchronized boolean isDeletedByOtherSession() {
        return deletedByOtherSession;
    }

    // James' processors build their unsolicited answers from these; SessionUpdates gives them instead.

    @Override
    public boolean isSizeChanged() {
        return false;
    }

    @Override
    public boolean isRecentUidRemoved() {
        return false;
    }

    @Override
    public void resetRecentUidRemoved() {
    }

    @Override
    public void resetEvents() {
    }

    @Override
    public Collection<MessageUid> expungedUids() {
        return List.of();
    }

    @Override
    public void resetExpungedUids() {
    }

    @Override
    public synchronized NullableMessageSequenceNumber remove(MessageUid uid) {
        expunged.remove(uid);
        return known.getAndRemove(uid);
    }

    @Override
    public Collection<MessageUid> flagUpdateUids() {
        return List.of();
    }

    @Override
    public synchronized Optional<MessageUid> getFirstUid() {
        return known.getFirstUid();
    }

    @Override
    public synchronized Optional<MessageUid> getLastUid() {
        return known.getLastUid();
    }

    @Override
    public synchronized Flags getApplicableFlags() {
        return new Flags(defined);
    }

    @Override
    public boolean hasNewApplicableFlags() {
        return false;
    }

    @Override
    public void resetNewApplicableFlags() {
    }
}
