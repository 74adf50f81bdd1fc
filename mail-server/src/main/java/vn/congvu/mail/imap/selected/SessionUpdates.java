package vn.congvu.mail.imap.selected;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.imap.message.response.ContinuationResponse;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FlagsResponse;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.UidValidity;

import reactor.core.publisher.Mono;
import vn.congvu.mail.storage.CopiedMessages;
import vn.congvu.mail.storage.MailboxWriters;

/**
 * Tells each client what other sessions (and deliveries) changed in its selected mailbox, at the moments RFC 3501
 * and 9051 allow, around James' own command processing:
 * <ul>
 * <li>before a command runs, new messages (EXISTS, RECENT), so the command's own answers never name a message the
 * client has not been told of;</li>
 * <li>before a command's tagged answer, and whenever an IDLE answer is flushed: new keywords (FLAGS,
 * PERMANENTFLAGS), expunges (EXPUNGE, or VANISHED under QRESYNC) unless the command is a FETCH, STORE or SEARCH by
 * sequence number (RFC 3501 7.4.1), other sessions' flag changes (FETCH with UID), new messages again;</li>
 * <li>a FETCH answer showing a keyword the client was not told of is preceded by FLAGS and PERMANENTFLAGS;</li>
 * <li>MOVE's COPYUID goes in an untagged OK before the EXPUNGEs of the moved messages (RFC 6851 4.3).</li>
 * </ul>
 * Wraps the processor James' IMAP server is given; James' processors see an inert {@link SessionView}. A command
 * that writes once per range of its set runs in one turn of its mailboxes' writer locks
 * ({@link MailboxWriters#commandTurn}).
 */
public class SessionUpdates implements ImapProcessor {
    private final ImapProcessor james;
    private final StatusResponseFactory statuses;
    private final MailboxWriters writers;
    private final MailboxManager mailboxes;

    public SessionUpdates(ImapProcessor james, StatusResponseFactory statuses, MailboxWriters writers,
                          MailboxManager mailboxes) {
        this.james = james;
        this.statuses = statuses;
        this.writers = writers;
        this.mailboxes = mailboxes;
    }

    @Override
    public void configure(ImapConfiguration configuration) {
        james.configure(configuration);
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (!(message instanceof ImapRequest request)) {
            return james.processReactive(message, responder, session);
        }
        CommandResponder updating = new CommandResponder(request, responder, session);
        Mono<Void> command = Mono.fromRunnable(updating::beforeCommand)
            .then(Mono.defer(() -> james.processReactive(message, updating, session)));
        return WrittenMailboxes.of(request, session, mailboxes)
            .map(written -> writers.commandTurn(session.getMailboxSession(), written, command))
            .defaultIfEmpty(command)
            .flatMap(run -> run);
    }

    /** The connection's responder for one command. Synchronized: an IDLE answer comes from a writer's event. */
    private final class CommandResponder implements Responder {
        private final ImapRequest request;
        private final Responder connection;
        private final ImapSession session;
        /** The tagged answer is out: an IDLE notice still on its way must not speak after it. */
        private boolean completed;

        CommandResponder(ImapRequest request, Responder connection, ImapSession session) {
            this.request = request;
            this.connection = connection;
            this.session = session;
        }

        synchronized void beforeCommand() {
            if (session.getMailboxSession() != null) {
                CopiedMessages.take(session.getMailboxSession()); // nothing left from an earlier command
            }
            SessionView view = view();
            if (view != null) {
                view.tellAdditions(connection);
            }
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            SessionView view = view();
            if (view != null) {
                if (message instanceof FlagsResponse flags) {
                    view.announced(flags.getFlags());
                } else if (message instanceof FetchResponse fetch && fetch.getFlags() != null) {
                    view.tellNewFlags(connection, fetch.getFlags());
                } else if (message instanceof StatusResponse status && isOwnTagged(status)) {
                    connection.respond(beforeTagged(view, status));
                    completed = true;
                    return;
                }
            }
            connection.respond(message);
            if (view != null && message instanceof ContinuationResponse && request instanceof IdleRequest) {
                onEventLoop();
            }
        }

        /** During IDLE, a writer's event asks for a flush: the changes are told on the connection's event loop. */
        @Override
        public synchronized void flush() {
            if (request instanceof IdleRequest) {
                onEventLoop();
            } else {
                connection.flush();
            }
        }

        /**
         * IDLE's updates are written on the connection's event loop, where DONE is read and answered: written from
         * another thread, Netty queues them, and an answer to DONE written meanwhile on the loop would overtake
         * them, leaving an EXPUNGE after the tagged OK.
         */
        private void onEventLoop() {
            session.schedule(this::idleUpdate, Duration.ZERO);
        }

        private synchronized void idleUpdate() {
            SessionView view = view();
            if (view != null && !completed) {
                tellChanges(view);
            }
            connection.flush();
        }

        private boolean isOwnTagged(StatusResponse status) {
            Tag tag = status.getTag();
            return tag != null && tag.equals(request.getTag());
        }

        /** The changes, then the tagged answer (MOVE's COPYUID moved ahead of the expunges). */
        private StatusResponse beforeTagged(SessionView view, StatusResponse tagged) {
            StatusResponse.ResponseCode code = tagged.getResponseCode();
            if (code != null && "COPYUID".equals(code.getCode()) && tagged.getServerResponseType() == StatusResponse.Type.OK) {
                Optional<StatusResponse.ResponseCode> copyUid = copyUid(code.getNumber());
                if (request instanceof MoveRequest) {
                    copyUid.ifPresent(moved -> connection.respond(statuses.untaggedOk(tagged.getTextKey(), moved)));
                    tellChanges(view);
                    return statuses.taggedOk(tagged.getTag(), tagged.getCommand(), tagged.getTextKey());
                }
                tellChanges(view);
                return copyUid.map(copied -> statuses.taggedOk(tagged.getTag(), tagged.getCommand(), tagged.getTextKey(), copied))
                    .orElseGet(() -> statuses.taggedOk(tagged.getTag(), tagged.getCommand(), tagged.getTextKey()));
            }
            tellChanges(view);
            return tagged;
        }

        /** COPYUID of the UIDs copied (RFC 4315); none when nothing was (all gone meanwhile). */
        private Optional<StatusResponse.ResponseCode> copyUid(long uidValidity) {
            CopiedMessages copied = CopiedMessages.take(session.getMailboxSession());
            if (copied == null || copied.sources().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(StatusResponse.ResponseCode.copyUid(UidValidity.of(uidValidity),
                ranges(copied.sources()), ranges(copied.targets())));
        }

        private static IdRange[] ranges(List<MessageUid> uids) {
            // COPYUID pairs the two sets in order: write them as given, merging only consecutive runs.
            List<IdRange> ranges = new ArrayList<>();
            for (MessageUid uid : uids) {
                IdRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null && last.getHighVal() + 1 == uid.asLong()) {
                    ranges.set(ranges.size() - 1, new IdRange(last.getLowVal(), uid.asLong()));
                } else {
                    ranges.add(new IdRange(uid.asLong()));
                }
            }
            return ranges.toArray(IdRange[]::new);
        }

        private void tellChanges(SessionView view) {
            Set<Capability> enabled = EnableProcessor.getEnabledCapabilities(session);
            boolean qresync = enabled.contains(ImapConstants.SUPPORTS_QRESYNC);
            view.tellChanges(connection, expungesAllowed(), qresync,
                qresync || enabled.contains(ImapConstants.SUPPORTS_CONDSTORE));
        }

        /** RFC 3501 7.4.1: no EXPUNGE while answering FETCH, STORE or SEARCH; their UID forms allow it. */
        private boolean expungesAllowed() {
            if (request instanceof FetchRequest fetch) {
                return fetch.isUseUids();
            }
            if (request instanceof StoreRequest store) {
                return store.isUseUids();
            }
            if (request instanceof SearchRequest search) {
                return search.isUseUids();
            }
            return true;
        }

        private SessionView view() {
            return session.getSelected() instanceof SessionView view ? view : null;
        }
    }
}
