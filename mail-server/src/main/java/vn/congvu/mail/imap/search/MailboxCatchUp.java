package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

/**
 * Brings a mailbox's documents in the {@link TextIndex} to what the mailbox holds, before a search and after
 * deliveries. The first time a mailbox is met after a start (or after the index was emptied, or an event about it
 * was missed) its UIDs are compared with the index's, which also rebuilds a lost index; after that, messages above
 * the last UID seen are added. Expunges reach the index through {@link IndexUpdates}, before the EXPUNGE answers.
 */
public final class MailboxCatchUp {
    private static final int BATCH = 100;

    private final TextIndex index;
    private final MessageMapperFactory mappers;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private static final class State {
        final ReentrantLock lock = new ReentrantLock();
        int generation = -1;
        long seenUpTo;
    }

    @Inject
    public MailboxCatchUp(TextIndex index, MessageMapperFactory mappers) {
        this.index = index;
        this.mappers = mappers;
    }

    void forget(String mailbox) {
        states.remove(mailbox);
    }

    /** The mailbox is compared again on its next catch-up: an event about it could not be applied. */
    void distrust(String mailbox) {
        State state = states.get(mailbox);
        if (state != null) {
            state.generation = -1;
        }
    }

    /**
     * Once this returns, the index's writer holds exactly the mailbox's messages, as far as the store showed them;
     * {@link TextIndex#refresh} makes them visible to searches.
     */
    void catchUp(MailboxSession session, Mailbox mailbox) throws MailboxException {
        String id = mailbox.getMailboxId().serialize();
        State state = states.computeIfAbsent(id, any -> new State());
        state.lock.lock();
        try {
            MessageMapper mapper = mappers.getMessageMapper(session);
            if (state.generation != index.generation()) {
                compare(mapper, mailbox, id, state);
            } else {
                long last = mapper.getLastUid(mailbox).map(MessageUid::asLong).orElse(0L);
                if (last > state.seenUpTo) {
                    addRange(mapper, mailbox, id, state.seenUpTo + 1, null, null);
                    state.seenUpTo = last;
                }
            }
        } finally {
            state.lock.unlock();
        }
    }

    private void compare(MessageMapper mapper, Mailbox mailbox, String id, State state) throws MailboxException {
        int generation = index.generation();
        index.refresh();
        long last = mapper.getLastUid(mailbox).map(MessageUid::asLong).orElse(0L);
        TreeSet<Long> stored = new TreeSet<>();
        mapper.listAllMessageUids(mailbox).map(MessageUid::asLong).toIterable().forEach(stored::add);
        TreeSet<Long> indexed = index.uids(id);
        List<Long> gone = indexed.stream().filter(uid -> !stored.contains(uid)).toList();
        if (!gone.isEmpty()) {
            index.delete(id, gone);
        }
        List<Long> missing = stored.stream().filter(uid -> !indexed.contains(uid)).toList();
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<Long> batch = missing.subList(from, Math.min(missing.size(), from + BATCH));
            addRange(mapper, mailbox, id, batch.get(0), batch.get(batch.size() - 1), Set.copyOf(batch));
        }
        state.seenUpTo = Math.max(last, stored.isEmpty() ? 0 : stored.last());
        state.generation = generation;
    }

    /** Indexes the messages from {@code from} up to {@code to} (none: to the end), those in {@code only} when given. */
    private void addRange(MessageMapper mapper, Mailbox mailbox, String id, long from, Long to, Set<Long> only) throws MailboxException {
        for (long next = from; ; ) {
            MessageRange range = to == null ? MessageRange.from(MessageUid.of(next)) : MessageRange.range(MessageUid.of(next), MessageUid.of(to));
            List<Long> read = add(mapper, mailbox, id, range, only);
            if (read.size() < BATCH) {
                return;
            }
            next = read.get(read.size() - 1) + 1;
        }
    }

    /** Indexes up to a batch of the range's messages (only {@code only}'s when given); the UIDs read, in order. */
    private List<Long> add(MessageMapper mapper, Mailbox mailbox, String id, MessageRange range, Set<Long> only) throws MailboxException {
        Iterator<MailboxMessage> messages = mapper.findInMailbox(mailbox, range, MessageMapper.FetchType.FULL, BATCH);
        List<Long> read = new ArrayList<>();
        while (messages.hasNext()) {
            MailboxMessage message = messages.next();
            long uid = message.getUid().asLong();
            read.add(uid);
            if (only == null || only.contains(uid)) {
                index.put(id, uid, text(message));
            }
        }
        read.sort(null);
        return read;
    }

    /** A message that cannot be read fails this search (and is read again by the next), not the index. */
    private static MessageText text(MailboxMessage message) throws MailboxException {
        try (InputStream content = message.getFullContent()) {
            return MessageText.read(content);
        } catch (IOException e) {
            throw new MailboxException("Cannot read message " + message.getUid().asLong() + " for the search index", e);
        }
    }
}
