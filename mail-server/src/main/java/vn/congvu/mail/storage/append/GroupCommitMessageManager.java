package vn.congvu.mail.storage.append;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import javax.mail.Flags;

import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.ReadOnlyException;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMessageManager;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.Content;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.MailboxReactorUtils;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.StoreMessageManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.mail.utils.MimeMessageHeadersUtil;
import org.apache.james.mailbox.store.quota.QuotaChecker;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.message.HeaderImpl;
import org.reactivestreams.Publisher;

import vn.congvu.mail.storage.CopiedMessages;
import vn.congvu.mail.storage.MailboxWriters;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James' JPA message manager whose appends (deliveries and IMAP APPEND) are written by {@link GroupCommit}: the
 * message is read and described outside any lock, its quota checked, then it waits for its mailbox's next batch.
 * Every other write (flags, expunge, the end of \Recent, MOVE out of this mailbox) is James' run under this
 * mailbox's {@link MailboxWriters} lock, as the appends are, so writers of one mailbox never meet in the database
 * and its listeners hear of the changes in commit order. Reads are James'.
 */
public class GroupCommitMessageManager extends OpenJPAMessageManager {
    private final GroupCommit groupCommit;
    private final MailboxPathLocker locker;
    private final QuotaManager quotaManager;
    private final QuotaRootResolver quotaRootResolver;
    private final MessageId.Factory messageIds;
    private final ThreadIdGuessingAlgorithm threadIds;
    private final Clock clock;
    private final MailboxWriters writers;

    public GroupCommitMessageManager(MailboxSessionMapperFactory mapperFactory, MessageSearchIndex index, EventBus eventBus,
                                     MailboxPathLocker locker, Mailbox mailbox, QuotaManager quotaManager,
                                     QuotaRootResolver quotaRootResolver, MessageId.Factory messageIds,
                                     BatchSizes batchSizes, StoreRightManager rights, ThreadIdGuessingAlgorithm threadIds,
                                     Clock clock, GroupCommit groupCommit, MailboxWriters writers) {
        super(mapperFactory, index, eventBus, locker, mailbox, quotaManager, quotaRootResolver, messageIds, batchSizes,
            rights, threadIds, clock);
        this.groupCommit = groupCommit;
        this.locker = locker;
        this.quotaManager = quotaManager;
        this.quotaRootResolver = quotaRootResolver;
        this.messageIds = messageIds;
        this.threadIds = threadIds;
        this.clock = clock;
        this.writers = writers;
    }

    private <T> Mono<T> alone(MailboxSession session, Mono<T> write) {
        return writers.writeReactive(session, List.of(getId()), write);
    }

    @Override
    public Map<MessageUid, Flags> setFlags(Flags flags, FlagsUpdateMode mode, MessageRange set, MailboxSession session)
            throws MailboxException {
        return MailboxReactorUtils.block(Mono.from(setFlagsReactive(flags, mode, set, session)));
    }

    @Override
    public Publisher<Map<MessageUid, Flags>> setFlagsReactive(Flags flags, FlagsUpdateMode mode, MessageRange set,
                                                              MailboxSession session) {
        // James trims the flags it is given: each attempt gets its own copy.
        return alone(session, Mono.defer(() -> Mono.from(super.setFlagsReactive(new Flags(flags), mode, set, session))));
    }

    @Override
    public Iterator<MessageUid> expunge(MessageRange set, MailboxSession session) throws MailboxException {
        return MailboxReactorUtils.block(expungeReactive(set, session).collectList()).iterator();
    }

    @Override
    public Flux<MessageUid> expungeReactive(MessageRange set, MailboxSession session) {
        return alone(session, Mono.defer(() -> super.expungeReactive(set, session).collectList())).flatMapIterable(uids -> uids);
    }

    @Override
    public void delete(List<MessageUid> uids, MailboxSession session) throws MailboxException {
        MailboxReactorUtils.block(deleteReactive(uids, session));
    }

    @Override
    public Mono<Void> deleteReactive(List<MessageUid> uids, MailboxSession session) {
        return alone(session, Mono.defer(() -> super.deleteReactive(uids, session)));
    }

    /** Resetting \Recent writes to the messages: with the other writers. */
    @Override
    public Mono<MailboxMetaData> getMetaDataReactive(MailboxMetaData.RecentMode recentMode, MailboxSession session,
                                                     EnumSet<MailboxMetaData.Item> items) throws MailboxException {
        if (recentMode != MailboxMetaData.RecentMode.RESET) {
            return super.getMetaDataReactive(recentMode, session, items);
        }
        return alone(session, Mono.defer(() -> {
            try {
                return super.getMetaDataReactive(recentMode, session, items);
            } catch (MailboxException e) {
                return Mono.error(e);
            }
        }));
    }

    /**
     * Both mailboxes locked (in one order; James takes the target's own lock inside ours), so the source messages
     * read for COPYUID are the ones James copies.
     */
    @Override
    public Mono<List<MessageRange>> copyTo(MessageRange set, StoreMessageManager target, MailboxSession session) {
        return writers.writeReactive(session, List.of(getId(), target.getId()),
            recordingCopied(set, session, Mono.defer(() -> super.copyTo(set, target, session))));
    }

    /**
     * James locks only the target; this mailbox loses the messages, so it is locked too (both in one order). James
     * takes the target's own lock inside ours.
     */
    @Override
    public Mono<List<MessageRange>> moveTo(MessageRange set, StoreMessageManager target, MailboxSession session) {
        return writers.writeReactive(session, List.of(getId(), target.getId()),
            recordingCopied(set, session, Mono.defer(() -> super.moveTo(set, target, session))));
    }

    /** The UIDs in {@code set} now (the mailbox is locked), then the copy, whose new UIDs come in the same order. */
    private Mono<List<MessageRange>> recordingCopied(MessageRange set, MailboxSession session, Mono<List<MessageRange>> copy) {
        return Flux.from(listMessagesMetadata(set, session))
            .map(message -> message.getComposedMessageId().getUid())
            .collectList()
            .flatMap(sources -> copy.doOnNext(ranges -> CopiedMessages.record(session, sources,
                ranges.stream().flatMap(range -> StreamSupport.stream(range.spliterator(), false)).toList())));
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
