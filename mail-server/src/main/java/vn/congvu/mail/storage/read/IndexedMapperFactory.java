package vn.congvu.mail.storage.read;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;

import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.storage.jdbc.MessageFlagRows;
import vn.congvu.mail.storage.jdbc.NewMessageRows;

/** James' JPA mapper factory, handing out {@link IndexedMessageMapper}s and {@link CachingMailboxMapper}s. */
public class IndexedMapperFactory extends JPAMailboxSessionMapperFactory {
    private final EntityManagerFactory entityManagerFactory;
    private final JPAUidProvider uidProvider;
    private final JPAModSeqProvider modSeqProvider;
    private final StoredMessages storedMessages;
    private final MailboxRows mailboxRows;
    private final MailboxSequences sequences;
    private final NewMessageRows newRows;
    private final MessageFlagRows flagRows;

    @Inject
    public IndexedMapperFactory(EntityManagerFactory entityManagerFactory, JPAUidProvider uidProvider,
                                JPAModSeqProvider modSeqProvider, StoredMessages storedMessages,
                                MailboxRows mailboxRows, MailboxSequences sequences, NewMessageRows newRows,
                                MessageFlagRows flagRows) {
        super(entityManagerFactory, uidProvider, modSeqProvider);
        this.entityManagerFactory = entityManagerFactory;
        this.uidProvider = uidProvider;
        this.modSeqProvider = modSeqProvider;
        this.storedMessages = storedMessages;
        this.mailboxRows = mailboxRows;
        this.sequences = sequences;
        this.newRows = newRows;
        this.flagRows = flagRows;
    }

    @Override
    public MessageMapper createMessageMapper(MailboxSession session) {
        return new IndexedMessageMapper(uidProvider, modSeqProvider, entityManagerFactory, storedMessages, sequences, newRows,
            flagRows);
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return new CachingMailboxMapper(entityManagerFactory, mailboxRows);
    }
}
