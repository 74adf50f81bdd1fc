package vn.congvu.mail.james;

import java.util.ArrayList;
import java.util.List;

import javax.mail.Flags;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMessageMapper;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.transaction.Mapper.Transaction;

/**
 * The JPA message mapper answering SELECT's mailbox-wide questions from {@link MessageIndexes} instead of
 * reading message rows (each holds its body, so a scan reads the whole mailbox):
 * <ul>
 * <li>the first read-write SELECT clears \Recent with one bulk UPDATE (one new MODSEQ shared by those
 * messages) instead of loading and saving every recent message as an entity. The flag events it returns
 * carry the system flags only; IMAP sessions read the flags again from the store before telling clients;</li>
 * <li>the first unseen UID is a MIN on the unseen index, not the first of all unseen messages sorted.</li>
 * </ul>
 */
public class IndexedMessageMapper extends JPAMessageMapper {
    private final JPAModSeqProvider modSeqProvider;

    public IndexedMessageMapper(JPAUidProvider uidProvider, JPAModSeqProvider modSeqProvider,
                                        EntityManagerFactory entityManagerFactory) {
        super(uidProvider, modSeqProvider, entityManagerFactory);
        this.modSeqProvider = modSeqProvider;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<UpdatedFlags> resetRecent(Mailbox mailbox) throws MailboxException {
        long mailboxId = ((JPAId) mailbox.getMailboxId()).getRawId();
        List<Object[]> recent = getEntityManager()
            .createQuery("SELECT m.uid, m.answered, m.deleted, m.draft, m.flagged, m.seen FROM MailboxMessage m"
                + " WHERE m.mailbox.mailboxId = :mailbox AND m.recent = TRUE ORDER BY m.uid ASC")
            .setParameter("mailbox", mailboxId)
            .getResultList();
        if (recent.isEmpty()) {
            return List.of();
        }
        ModSeq modSeq = modSeqProvider.nextModSeq(mailbox);
        long lastUid = (Long) recent.get(recent.size() - 1)[0];
        // Messages delivered meanwhile (higher UIDs) stay recent for the next session.
        Transaction<Integer> clearRecent = () -> getEntityManager()
            .createQuery("UPDATE MailboxMessage m SET m.recent = FALSE, m.modSeq = :modSeq"
                + " WHERE m.mailbox.mailboxId = :mailbox AND m.recent = TRUE AND m.uid <= :lastUid")
            .setParameter("modSeq", modSeq.asLong())
            .setParameter("mailbox", mailboxId)
            .setParameter("lastUid", lastUid)
            .executeUpdate();
        if (getEntityManager().getTransaction().isActive()) {
            clearRecent.run(); // SELECT runs it inside the metadata transaction, committed by James
        } else {
            execute(clearRecent);
        }
        getEntityManager().clear(); // entities loaded earlier in this session must not keep recent = true
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
