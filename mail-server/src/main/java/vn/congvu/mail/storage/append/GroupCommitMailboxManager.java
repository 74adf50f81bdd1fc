package vn.congvu.mail.storage.append;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMailboxManager;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.StoreMailboxAnnotationManager;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.impl.MessageParser;
import org.apache.james.mailbox.store.quota.QuotaComponents;
import org.apache.james.mailbox.store.search.MessageSearchIndex;

import vn.congvu.mail.storage.MailboxWriters;

/** James' JPA mailbox manager, handing out {@link GroupCommitMessageManager}s, whose appends are batched. */
public class GroupCommitMailboxManager extends OpenJPAMailboxManager {
    private final GroupCommit groupCommit;
    private final MailboxWriters writers;

    @Inject
    public GroupCommitMailboxManager(JPAMailboxSessionMapperFactory mapperFactory, SessionProvider sessionProvider,
                                     MessageParser messageParser, MessageId.Factory messageIdFactory, EventBus eventBus,
                                     StoreMailboxAnnotationManager annotationManager, StoreRightManager storeRightManager,
                                     QuotaComponents quotaComponents, MessageSearchIndex index,
                                     ThreadIdGuessingAlgorithm threadIdGuessingAlgorithm, Clock clock, GroupCommit groupCommit,
                                     MailboxWriters writers) {
        super(mapperFactory, sessionProvider, messageParser, messageIdFactory, eventBus, annotationManager,
            storeRightManager, quotaComponents, index, threadIdGuessingAlgorithm, clock);
        this.groupCommit = groupCommit;
        this.writers = writers;
    }

    @Override
    protected StoreMessageManager createMessageManager(Mailbox mailbox, MailboxSession session) {
        return new GroupCommitMessageManager(getMapperFactory(), getMessageSearchIndex(), getEventBus(), getLocker(),
            mailbox, getQuotaComponents().getQuotaManager(), getQuotaComponents().getQuotaRootResolver(),
            getMessageIdFactory(), configuration.getBatchSizes(), getStoreRightManager(), getThreadIdGuessingAlgorithm(),
            getClock(), groupCommit, writers);
    }
}
