package vn.congvu.mail.james;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import javax.mail.Flags;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.ReadOnlyException;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMessageManager;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.MailboxReactorUtils;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.utils.MimeMessageHeadersUtil;
import org.apache.james.mailbox.store.quota.QuotaChecker;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.message.HeaderImpl;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James' JPA message manager whose appends (deliveries and IMAP APPEND) are written by {@link GroupCommit}: the
 * message is read and described outside any lock, its quota checked, then it waits for its mailbox's next batch.
 * Everything else (reads, flags, expunge, COPY and MOVE, under the same mailbox lock) is James'.
 */
public class GroupCommitMessageManager extends OpenJPAMessageManager {
    private final GroupCommit groupCommit;
    private final MailboxPathLocker locker;
    private final QuotaManager quotaManager;
    private final QuotaRootResolver quotaRootResolver;
    private final MessageId.Factory messageIds;
    private final ThreadIdGuessingAlgorithm threadIds;
    private final Clock clock;

    public GroupCommitMessageManager(MailboxSessionMapperFactory mapperFactory, MessageSearchIndex index, EventBus eventBus,
                                     MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                                     QuotaRootResolver quotaRootResolver, MessageId.Factory messageIds,
                                     BatchSizes batchSizes, StoreRightManager rights, ThreadIdGuessingAlgorithm threadIds,
                                     Clock clock, GroupCommit groupCommit) {
        super(mapperFactory, index, eventBus, locker, mailbox, quotaManager, quotaRootResolver, messageIds, batchSizes,
            rights, threadIds, clock);
        this.groupCommit = groupCommit;
        this.locker = locker;
        this.quotaManager = quotaManager;
        this.quotaRootResolver = quotaRootResolver;
        this.messageIds = messageIds;
        this.threadIds = threadIds;
        this.clock = clock;
    }

    @Override
    public AppendResult appendMessage(AppendCommand command, MailboxSession session) throws MailboxException {
        return MailboxReactorUtils.block(appendMessageReactive(command, session));
    }

    @Override
    public Publisher<AppendResult> appendMessageReactive(AppendCommand command, MailboxSession session) {
        Content content = command.getMsgIn();
        return append(() -> {
            try (InputStream in = content.getInputStream()) {
                return ArrivingMessage.read(in);
            }
        }, command.getInternalDate(), session, command.isRecent(), command.getFlags(), command.isDelivery());
    }

    @Override
    public AppendResult appendMessage(InputStream in, Date internalDate, MailboxSession session, boolean isRecent,
                                      Flags flags) throws MailboxException {
        return MailboxReactorUtils.block(append(() -> ArrivingMessage.read(in), internalDate, session, isRecent, flags, false));
    }

    private interface Source {
        ArrivingMessage read() throws IOException, MimeException;
    }

    private Mono<AppendResult> append(Source source, Date internalDate, MailboxSession session, boolean isRecent,
                                      Flags flags, boolean isDelivery) {
        Mono<ArrivingMessage> read = Mono.fromCallable(() -> {
            if (!isWriteable(session)) {
                throw new ReadOnlyException(getMailboxPath());
            }
            try {
                return source.read();
            } catch (IOException | MimeException e) {
                throw new MailboxException("Unable to parse message", e);
            }
        });
        // A delivery comes from the mailet container, whose thread waits for it anyway; IMAP APPEND comes from an
        // event loop, which must not read and parse a message.
        return Mono.defer(() -> isDelivery && !Schedulers.isInNonBlockingThread() ? read
                : read.subscribeOn(Schedulers.boundedElastic()))
            .flatMap(arriving -> checkQuota(arriving.size()).then(Mono.defer(() -> {
                MessageId messageId = messageIds.generate();
                HeaderImpl header = arriving.header();
                return threadIds.guessThreadIdReactive(messageId, MimeMessageHeadersUtil.parseMimeMessageId(header),
                        MimeMessageHeadersUtil.parseInReplyTo(header), MimeMessageHeadersUtil.parseReferences(header),
                        MimeMessageHeadersUtil.parseSubject(header), session)
                    .flatMap(threadId -> {
                        MailboxMessage message = arriving.toMailboxMessage(messageId, threadId, getMailboxEntity().getMailboxId(),
                            internalDate == null ? new Date() : internalDate, Date.from(clock.instant()),
                            flagsToStore(flags, isRecent, session));
                        return groupCommit.append(locker, getMailboxEntity(), message, session, isDelivery)
                            .map(stored -> new AppendResult(
                                new ComposedMessageId(getMailboxEntity().getMailboxId(), messageId, stored.getUid()),
                                (long) arriving.size(), Optional.empty(), threadId));
                    });
            })));
    }

    private Mono<Void> checkQuota(int size) {
        return Mono.defer(() -> {
            try {
                QuotaRoot root = quotaRootResolver.getQuotaRoot(getMailboxEntity());
                return Mono.from(quotaManager.getQuotasReactive(root))
                    .flatMap(quotas -> {
                        try {
                            new QuotaChecker(quotas, root).tryAddition(1, size);
                            return Mono.<Void>empty();
                        } catch (MailboxException e) {
                            return Mono.error(e);
                        }
                    });
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        });
    }

    /** The flags asked for, less those this mailbox cannot keep, plus \Recent for a message new to everybody. */
    private Flags flagsToStore(Flags asked, boolean isRecent, MailboxSession session) {
        Flags flags = asked == null ? new Flags() : new Flags(asked);
        Flags permanent = getPermanentFlags(session);
        for (Flags.Flag flag : flags.getSystemFlags()) {
            if (flag != Flags.Flag.RECENT && !permanent.contains(flag)) {
                flags.remove(flag);
            }
        }
        if (!permanent.contains(Flags.Flag.USER)) {
            for (String userFlag : flags.getUserFlags()) {
                if (!permanent.contains(userFlag)) {
                    flags.remove(userFlag);
                }
            }
        }
        if (isRecent) {
            flags.add(Flags.Flag.RECENT);
        }
        return flags;
    }
}
