package vn.congvu.mail.storage.read;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import javax.mail.Flags;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.mail.model.openjpa.AbstractJPAMailboxMessage;
import org.apache.james.mailbox.jpa.mail.model.openjpa.JPAMailboxMessage;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.model.impl.SimpleMailboxMessage;
import org.apache.james.mailbox.store.transaction.Mapper.Transaction;
import org.apache.openjpa.persistence.FetchPlan;
import org.apache.openjpa.persistence.OpenJPAEntityManager;
import org.apache.openjpa.persistence.OpenJPAPersistence;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import vn.congvu.mail.storage.MailboxWriters;
import vn.congvu.mail.storage.jdbc.JpaDataSource;
import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.storage.jdbc.MessageFlagRows;
import vn.congvu.mail.storage.jdbc.NewMessageRows;
import vn.congvu.mail.storage.jdbc.RecentMarks;

/**
 * The JPA message mapper answering SELECT's mailbox-wide questions from
 * {@link vn.congvu.mail.storage.jdbc.MessageIndexes} instead of reading message rows (each holds its body, so a scan reads the whole mailbox), and reading messages in
 * fewer queries:
 * <ul>
 * <li>\Recent is a per-mailbox {@link RecentMarks mark}, not a message column: the first read-write SELECT
 * moves the mark instead of updating every recent message. The flag events it returns carry the system
 * flags only; IMAP sessions read the flags again from the store before telling clients;</li>
 * <li>an appended message takes its UID and MODSEQ in one transaction, not one each;</li>
 * <li>the first unseen UID is a MIN on the unseen index, not the first of all unseen messages sorted;</li>
 * <li>IMAP reads messages through {@link StoredMessages} (plain statements, no entities); the entity read
 * loads the parts of the message it needs with the message, not one lazy query per part;</li>
 * <li>flag changes and expunges are written by {@link MessageFlagRows}, in the mapper's transaction.</li>
 * </ul>
 */
public class IndexedMessageMapper extends JPAMessageMapper {
    private static final int READ_ATTEMPTS = 3;
    private static final String SYSTEM_FLAGS =
        "SELECT m.uid, m.answered, m.deleted, m.draft, m.flagged, m.seen FROM MailboxMessage m";

    private final JPAModSeqProvider modSeqProvider;
    private final StoredMessages storedMessages;
    private final MailboxSequences sequences;
    private final NewMessageRows newRows;
    private final MessageFlagRows flagRows;

    public IndexedMessageMapper(JPAUidProvider uidProvider, JPAModSeqProvider modSeqProvider,
                                EntityManagerFactory entityManagerFactory, StoredMessages storedMessages,
                                MailboxSequences sequences, NewMessageRows newRows,
                                MessageFlagRows flagRows) {
        super(uidProvider, modSeqProvider, entityManagerFactory);
        this.modSeqProvider = modSeqProvider;
        this.storedMessages = storedMessages;
        this.sequences = sequences;
        this.newRows = newRows;
        this.flagRows = flagRows;
    }

    /**
     * In the append's own transaction: UID and MODSEQ ({@link MailboxSequences}; James takes each in a transaction
     * of its own) and the message rows written with plain statements ({@link NewMessageRows}), so one commit per
     * delivered message instead of two, and no OpenJPA entity work inside the mailbox lock.
     */
    @Override
    public MessageMetaData add(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        EntityManager transaction = activeTransaction();
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        try {
            OptionalLong ids = transaction == null ? OptionalLong.empty() : newRows.reserveIds(message);
            if (ids.isEmpty()) {
                MailboxSequences.Next next = sequences.next(mailbox, transaction);
                message.setUid(next.uid());
                message.setModSeq(next.modSeq());
                return save(mailbox, message);
            }
            boolean stored = JpaDataSource.inEntityManagerTransaction(transaction, connection -> {
                MailboxSequences.Next next = MailboxSequences.take(connection, mailboxId);
                if (next == null) {
                    return false;
                }
                message.setUid(next.uid());
                message.setModSeq(next.modSeq());
                newRows.insert(connection, mailboxId, message, ids.getAsLong());
                return true;
            });
            if (!stored) {
                throw new MailboxNotFoundException(mailbox.getMailboxId());
            }
            return message.metaData();
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Appending a message to mailbox " + mailboxId + " failed", e);
        }
    }

    @Override
    public List<UpdatedFlags> resetRecent(Mailbox mailbox) throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        Transaction<List<Object[]>> takeRecent = () -> {
            List<Object[]> recent = recentRows(mailboxId);
            if (!recent.isEmpty()) {
                RecentMarks.move(getEntityManager(), mailboxId, (Long) recent.get(recent.size() - 1)[0]);
                clearRecentColumn(mailboxId);
            }
            return recent;
        };
        List<Object[]> recent = getEntityManager().getTransaction().isActive()
            ? takeRecent.run() // SELECT runs it inside the metadata transaction, committed by James
            : execute(takeRecent);
        if (recent.isEmpty()) {
            return List.of();
        }
        // No message row changes, so no new MODSEQ: the events only tell sessions \Recent was taken.
        ModSeq modSeq = modSeqProvider.highestModSeq(mailbox);
        List<UpdatedFlags> updated = new ArrayList<>(recent.size());
        for (Object[] row : recent) {
            Flags now = systemFlags(row);
            Flags before = new Flags(now);
            before.add(Flags.Flag.RECENT);
            updated.add(UpdatedFlags.builder()
                .uid(MessageUid.of((Long) row[0]))
                .modSeq(modSeq)
                .oldFlags(before)
                .newFlags(now)
                .build());
        }
        return updated;
    }

    @Override
    public List<MessageUid> findRecentMessageUidsInMailbox(Mailbox mailbox) throws MailboxException {
        List<Object[]> recent = recentRows(((JPAId) mailbox.getMailboxId()).getRawId());
        List<MessageUid> uids = new ArrayList<>(recent.size());
        for (Object[] row : recent) {
            uids.add(MessageUid.of((Long) row[0]));
        }
        return uids;
    }

    /** New rows never hold \Recent: it is the mailbox's {@link RecentMarks mark} that says which are. */
    @Override
    protected MessageMetaData save(Mailbox mailbox, MailboxMessage message) throws MailboxException {
        Flags flags = message.createFlags();
        if (flags.contains(Flags.Flag.RECENT)) {
            flags.remove(Flags.Flag.RECENT);
            message.setFlags(flags);
        }
        return super.save(mailbox, message);
    }

    /**
     * UID and system flags, by UID, of the recent messages: above the mark, and those still holding the
     * \Recent column (stored before the marks existed, or by a path not going through {@link #save}).
     * Both are answered by the (mailbox, recent, uid, flags) index without reading message rows.
     */
    @SuppressWarnings("unchecked")
    private List<Object[]> recentRows(long mailboxId) throws MailboxException {
        try {
            long mark = RecentMarks.read(getEntityManager(), mailboxId);
            TreeMap<Long, Object[]> byUid = new TreeMap<>();
            for (Object[] row : (List<Object[]>) getEntityManager().createQuery(SYSTEM_FLAGS
                    + " WHERE m.mailbox.mailboxId = :mailbox AND m.recent = FALSE AND m.uid > :mark")
                    .setParameter("mailbox", mailboxId)
                    .setParameter("mark", mark)
                    .getResultList()) {
                byUid.put((Long) row[0], row);
            }
            for (Object[] row : (List<Object[]>) getEntityManager().createQuery(SYSTEM_FLAGS
                    + " WHERE m.mailbox.mailboxId = :mailbox AND m.recent = TRUE")
                    .setParameter("mailbox", mailboxId)
                    .getResultList()) {
                byUid.put((Long) row[0], row);
            }
            return new ArrayList<>(byUid.values());
        } catch (PersistenceException e) {
            throw new MailboxException("Reading the recent messages of mailbox " + mailboxId + " failed", e);
        }
    }

    private void clearRecentColumn(long mailboxId) {
        int cleared = getEntityManager()
            .createQuery("UPDATE MailboxMessage m SET m.recent = FALSE WHERE m.mailbox.mailboxId = :mailbox AND m.recent = TRUE")
            .setParameter("mailbox", mailboxId)
            .executeUpdate();
        if (cleared > 0) {
            getEntityManager().clear(); // entities loaded earlier in this session must not keep recent = true
        }
    }

    /** One transaction, MODSEQ included, plain statements; see {@link MessageFlagRows}. */
    @Override
    public Iterator<UpdatedFlags> updateFlags(Mailbox mailbox, FlagsUpdateCalculator calculator, MessageRange set)
            throws MailboxException {
        EntityManager transaction = activeTransaction();
        if (transaction == null) {
            return super.updateFlags(mailbox, calculator, set);
        }
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        List<MessageFlagRows.Change> changes = MessageFlagRows.changes(
            storedMessages.read(mailbox, set, FetchType.METADATA, MessageMapper.UNLIMITED, this::activeTransaction), calculator);
        if (changes.stream().noneMatch(MessageFlagRows.Change::changed)) {
            return flagRowsUnchanged(changes);
        }
        try {
            Long keywordIds = flagRows.reserveKeywordIds(changes);
            if (keywordIds == null) {
                return super.updateFlags(mailbox, calculator, set); // a new database: OpenJPA creates its id sequence
            }
            List<UpdatedFlags> updated = JpaDataSource.inEntityManagerTransaction(transaction, connection -> {
                ModSeq modSeq = MailboxSequences.takeModSeq(connection, mailboxId);
                return modSeq == null ? null : flagRows.write(connection, mailboxId, changes, modSeq, keywordIds);
            });
            if (updated == null) {
                throw new MailboxNotFoundException(mailbox.getMailboxId());
            }
            getEntityManager().clear(); // no entity of this session may keep the old flags
            return updated.iterator();
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Updating flags of " + set + " in mailbox " + mailboxId + " failed", e);
        }
    }

    private static Iterator<UpdatedFlags> flagRowsUnchanged(List<MessageFlagRows.Change> changes) {
        return changes.stream()
            .map(change -> UpdatedFlags.builder()
                .uid(change.message().getUid())
                .messageId(change.message().getMessageId())
                .modSeq(change.message().getModSeq())
                .oldFlags(change.before())
                .newFlags(change.after())
                .build())
            .iterator();
    }

    /**
     * A copy written as an appended message is ({@link NewMessageRows}), in the mapper's transaction, its UID and
     * MODSEQ taken there too; James persisted an OpenJPA entity built from the original and took the UID and the
     * MODSEQ in two transactions of their own.
     */
    @Override
    public MessageMetaData copy(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        EntityManager transaction = activeTransaction();
        if (transaction == null) {
            return super.copy(mailbox, original);
        }
        List<MailboxMessage> found = storedMessages.read(original.getMailboxId(), MessageRange.one(original.getUid()),
            FetchType.FULL, 1, this::activeTransaction);
        if (found.isEmpty()) {
            throw new MailboxException("Message " + original.getUid() + " of mailbox " + original.getMailboxId().serialize()
                + " is gone");
        }
        SimpleMailboxMessage copy = SimpleMailboxMessage.copy(mailbox.getMailboxId(), found.get(0));
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        try {
            OptionalLong ids = newRows.reserveIds(copy);
            if (ids.isEmpty()) {
                return super.copy(mailbox, original); // a new database: OpenJPA creates its id sequence
            }
            boolean stored = JpaDataSource.inEntityManagerTransaction(transaction, connection -> {
                MailboxSequences.Next next = MailboxSequences.take(connection, mailboxId);
                if (next == null) {
                    return false;
                }
                copy.setUid(next.uid());
                copy.setModSeq(next.modSeq());
                newRows.insert(connection, mailboxId, copy, ids.getAsLong());
                return true;
            });
            if (!stored) {
                throw new MailboxNotFoundException(mailbox.getMailboxId());
            }
            return copy.metaData();
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Copying message " + original.getUid() + " to mailbox " + mailboxId + " failed", e);
        }
    }

    /** The copy above, then the original's rows deleted in the same transaction. */
    @Override
    public MessageMetaData move(Mailbox mailbox, MailboxMessage original) throws MailboxException {
        EntityManager transaction = activeTransaction();
        if (transaction == null) {
            return super.move(mailbox, original);
        }
        MessageMetaData moved = copy(mailbox, original);
        try {
            JpaDataSource.inEntityManagerTransaction(transaction, connection -> {
                MessageFlagRows.delete(connection, ((JPAId) original.getMailboxId()).getRawId(),
                    MessageRange.one(original.getUid()));
                return null;
            });
            getEntityManager().clear();
            return moved;
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Moving message " + original.getUid() + " failed", e);
        }
    }

    /** A plain statement: James loaded every deleted message of the range as an entity to list their UIDs. */
    @Override
    public List<MessageUid> retrieveMessagesMarkedForDeletion(Mailbox mailbox, MessageRange range) throws MailboxException {
        return storedMessages.deletedUids(mailbox, range, this::activeTransaction);
    }

    /** What the expunged messages were (for the Expunged event), then their rows deleted in one go per range. */
    @Override
    public Map<MessageUid, MessageMetaData> deleteMessages(Mailbox mailbox, List<MessageUid> uids) throws MailboxException {
        EntityManager transaction = activeTransaction();
        if (transaction == null) {
            return super.deleteMessages(mailbox, uids);
        }
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        List<MessageRange> ranges = MessageRange.toRanges(uids);
        Map<MessageUid, MessageMetaData> deleted = new HashMap<>();
        for (MessageRange range : ranges) {
            for (MailboxMessage message : storedMessages.read(mailbox, range, FetchType.METADATA, MessageMapper.UNLIMITED, this::activeTransaction)) {
                deleted.put(message.getUid(), message.metaData());
            }
        }
        try {
            JpaDataSource.inEntityManagerTransaction(transaction, connection -> {
                for (MessageRange range : ranges) {
                    MessageFlagRows.delete(connection, mailboxId, range);
                }
                return null;
            });
            getEntityManager().clear(); // no entity of this session may outlive its rows
            return deleted;
        } catch (SQLException | PersistenceException e) {
            throw new MailboxException("Deleting " + uids.size() + " messages of mailbox " + mailboxId + " failed", e);
        }
    }

    @Override
    public Iterator<MailboxMessage> findInMailbox(Mailbox mailbox, MessageRange set, FetchType type, int max)
            throws MailboxException {
        if (activeTransaction() == null) {
            // A read (the scanning SEARCH): plain statements, as IMAP's other reads. Inside a transaction the caller
            // may change and save the entities it gets.
            return storedMessages.read(mailbox, set, type, max, this::activeTransaction).iterator();
        }
        OpenJPAEntityManager entityManager = OpenJPAPersistence.cast(getEntityManager());
        FetchPlan plan = entityManager.pushFetchPlan();
        try {
            // What this fetch reads, in the query that finds the messages: otherwise each lazy field is a
            // query per message (header, body, properties, user flags), most of a FETCH's time.
            plan.addField(AbstractJPAMailboxMessage.class, "userFlags");
            if (type != FetchType.METADATA) {
                plan.addField(JPAMailboxMessage.class, "header");
                plan.addField(AbstractJPAMailboxMessage.class, "properties");
            }
            if (type == FetchType.FULL) {
                plan.addField(JPAMailboxMessage.class, "body");
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return super.findInMailbox(mailbox, set, type, max);
                } catch (MailboxException e) {
                    // Outside a transaction a read chosen as a deadlock's victim (Derby locks a whole keyword table
                    // while a delete cascades into it) holds nothing: read again.
                    if (attempt == READ_ATTEMPTS || activeTransaction() != null || !MailboxWriters.isDeadlockVictim(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            entityManager.popFetchPlan();
        }
    }

    /** What IMAP reads (FETCH, COPY, MOVE, expunge hooks), read without entities; see {@link StoredMessages}. */
    @Override
    public Flux<MailboxMessage> findInMailboxReactive(Mailbox mailbox, MessageRange set, FetchType type, int max) {
        return Flux.defer(() -> {
            try {
                return Flux.fromIterable(storedMessages.read(mailbox, set, type, max, this::activeTransaction));
            } catch (MailboxException e) {
                return Flux.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public Flux<MessageUid> listAllMessageUids(Mailbox mailbox) {
        return Flux.defer(() -> {
            try {
                return Flux.fromIterable(storedMessages.uids(mailbox, this::activeTransaction));
            } catch (MailboxException e) {
                return Flux.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public MailboxCounters getMailboxCounters(Mailbox mailbox) throws MailboxException {
        return storedMessages.counters(mailbox, this::activeTransaction);
    }

    @Override
    public MessageUid findFirstUnseenMessageUid(Mailbox mailbox) throws MailboxException {
        try {
            Object first = getEntityManager()
                .createQuery("SELECT MIN(m.uid) FROM MailboxMessage m WHERE m.mailbox.mailboxId = :mailbox AND m.seen = FALSE")
                .setParameter("mailbox", ((JPAId) mailbox.getMailboxId()).getRawId())
                .getSingleResult();
            return first == null ? null : MessageUid.of((Long) first);
        } catch (PersistenceException e) {
            throw new MailboxException("Search of the first unseen message failed in " + mailbox, e);
        }
    }

    /** The EntityManager if this mapper is inside a transaction; reads must then go through its connection. */
    private EntityManager activeTransaction() {
        return entityManager != null && entityManager.getTransaction().isActive() ? entityManager : null;
    }

    private static Flags systemFlags(Object[] row) {
        Flags flags = new Flags();
        Flags.Flag[] order = {Flags.Flag.ANSWERED, Flags.Flag.DELETED, Flags.Flag.DRAFT, Flags.Flag.FLAGGED, Flags.Flag.SEEN};
        for (int i = 0; i < order.length; i++) {
            if (Boolean.TRUE.equals(row[i + 1])) {
                flags.add(order[i]);
            }
        }
        return flags;
    }
}
