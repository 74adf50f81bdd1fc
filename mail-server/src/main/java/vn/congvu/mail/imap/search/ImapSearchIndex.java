package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.mail.Flags.Flag;

import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Conjunction;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James' scanning search, with what IMAP SEARCH means where James differs:
 * <ul>
 * <li>date keys ({@link DayDates}) are evaluated here on one scan of the mailbox and handed to James as the UIDs
 * that match them;</li>
 * <li>James reads only the messages of the first UID set it finds in the query, looking inside OR and NOT too,
 * so {@code OR 2 4:*} found message 2 alone and {@code NOT 2:4} nothing: the query now starts with the UID set
 * every match must be in, or with a key that hides the others from that shortcut.</li>
 * <li>SUBJECT, FROM, TO, CC, BCC, HEADER, BODY and TEXT are answered by the {@link TextIndex} (caught up with
 * the mailbox first), case- and, for queries typed without marks, diacritic-insensitively ({@link Folding});
 * a query left with UID sets alone is answered here, without reading a message.</li>
 * </ul>
 */
public class ImapSearchIndex extends SimpleMessageSearchIndex {
    /** Always true, and a conjunction without a UID set: James' shortcut stops at it and reads every message. */
    private static final Criterion EVERY_MESSAGE = SearchQuery.or(SearchQuery.flagIsSet(Flag.SEEN), SearchQuery.flagIsUnSet(Flag.SEEN));

    private final MessageMapperFactory messages;
    private final DayDates dates = new DayDates(ZoneId.systemDefault());
    private final TextIndex index;
    private final MailboxCatchUp catchUp;

    @Inject
    public ImapSearchIndex(MessageMapperFactory messageMapperFactory, MailboxMapperFactory mailboxMapperFactory,
                           TextExtractor textExtractor, AttachmentContentLoader attachmentContentLoader,
                           TextIndex index, MailboxCatchUp catchUp) {
        super(messageMapperFactory, mailboxMapperFactory, textExtractor, attachmentContentLoader);
        this.messages = messageMapperFactory;
        this.index = index;
        this.catchUp = catchUp;
    }

    @Override
    public Flux<MessageUid> search(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        List<Criterion> dateKeys = new ArrayList<>();
        List<Criterion> textKeys = new ArrayList<>();
        query.getCriteria().forEach(criterion -> collectKeys(criterion, dateKeys, textKeys));
        if (dateKeys.isEmpty() && textKeys.isEmpty()) {
            return super.search(session, mailbox, rewritten(query, Map.of()));
        }
        return Mono.fromCallable(() -> answer(session, mailbox, query, dateKeys, textKeys))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMapMany(answer -> answer.uids() != null
                ? Flux.fromIterable(answer.uids())
                : super.search(session, mailbox, answer.rest()));
    }

    /** The UIDs found here, or the query left for James' scan, its text and date keys replaced by UID sets. */
    private record Answer(List<MessageUid> uids, SearchQuery rest) {
    }

    private Answer answer(MailboxSession session, Mailbox mailbox, SearchQuery query, List<Criterion> dateKeys,
                          List<Criterion> textKeys) throws MailboxException {
        Map<Criterion, TreeSet<Long>> found = textKeys.isEmpty() ? Map.of() : evaluateText(session, mailbox, textKeys);
        if (dateKeys.isEmpty() && UidQueries.answers(query.getSorts(), query.getCriteria(), found)) {
            String id = mailbox.getMailboxId().serialize();
            return new Answer(UidQueries.matching(query.getCriteria(), found, () -> index.uids(id)), null);
        }
        Map<Criterion, Criterion> replaced = new IdentityHashMap<>();
        found.forEach((key, uids) -> replaced.put(key, SearchQuery.uid(UidSets.ranges(uids.stream().map(MessageUid::of).toList()))));
        if (!dateKeys.isEmpty()) {
            replaced.putAll(evaluate(session, mailbox, dateKeys));
        }
        return new Answer(null, rewritten(query, replaced));
    }

    private static void collectKeys(Criterion criterion, List<Criterion> dateKeys, List<Criterion> textKeys) {
        if (criterion instanceof ConjunctionCriterion conjunction) {
            conjunction.getCriteria().forEach(inner -> collectKeys(inner, dateKeys, textKeys));
        } else if (DayDates.evaluatedHere(criterion)) {
            dateKeys.add(criterion);
        } else if (TextKey.of(criterion).isPresent()) {
            textKeys.add(criterion);
        }
    }

    /**
     * The UIDs each text key (by identity) matches, from the index caught up with the mailbox. A damaged index is
     * emptied, refilled from the mailbox and asked again.
     */
    private Map<Criterion, TreeSet<Long>> evaluateText(MailboxSession session, Mailbox mailbox, List<Criterion> textKeys)
            throws MailboxException {
        try {
            return answerText(session, mailbox, textKeys);
        } catch (UncheckedIOException | org.apache.lucene.store.AlreadyClosedException damaged) {
            index.reset(damaged);
            return answerText(session, mailbox, textKeys);
        }
    }

    private Map<Criterion, TreeSet<Long>> answerText(MailboxSession session, Mailbox mailbox, List<Criterion> textKeys)
            throws MailboxException {
        catchUp.catchUp(session, mailbox);
        index.refresh();
        String id = mailbox.getMailboxId().serialize();
        Map<Criterion, TreeSet<Long>> found = new IdentityHashMap<>();
        for (Criterion key : textKeys) {
            found.put(key, index.matching(id, TextKey.of(key).orElseThrow()));
        }
        return found;
    }

    /** Each date key, by identity, replaced by the UID set of the messages it matches. */
    private Map<Criterion, Criterion> evaluate(MailboxSession session, Mailbox mailbox, List<Criterion> dateKeys) throws MailboxException {
        Map<Criterion, List<MessageUid>> matching = new IdentityHashMap<>();
        dateKeys.forEach(key -> matching.put(key, new ArrayList<>()));
        MessageMapper.FetchType fetch = dateKeys.stream().anyMatch(DayDates::readsHeader)
            ? MessageMapper.FetchType.HEADERS
            : MessageMapper.FetchType.METADATA;
        Iterator<MailboxMessage> stored = messages.getMessageMapper(session).findInMailbox(mailbox, MessageRange.all(), fetch, -1);
        while (stored.hasNext()) {
            MailboxMessage message = stored.next();
            for (Criterion key : dateKeys) {
                if (matches(key, message)) {
                    matching.get(key).add(message.getUid());
                }
            }
        }
        Map<Criterion, Criterion> replaced = new IdentityHashMap<>();
        matching.forEach((key, uids) -> replaced.put(key, SearchQuery.uid(UidSets.ranges(uids))));
        return replaced;
    }

    private boolean matches(Criterion key, MailboxMessage message) {
        try {
            return dates.matches(key, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchQuery rewritten(SearchQuery query, Map<Criterion, Criterion> replaced) {
        return guarded(query, query.getCriteria().stream().map(criterion -> replaced(criterion, replaced)).toList());
    }

    private static SearchQuery guarded(SearchQuery query, List<Criterion> criteria) {
        List<Criterion> guarded = new ArrayList<>();
        guarded.add(conjoinedUidSet(criteria).orElse(EVERY_MESSAGE));
        guarded.addAll(criteria);
        SearchQuery.Builder builder = SearchQuery.builder()
            .andCriteria(guarded)
            .addRecentMessageUids(query.getRecentMessageUids());
        if (!query.getSorts().isEmpty()) {
            builder.sorts(query.getSorts());
        }
        return builder.build();
    }

    private static Criterion replaced(Criterion criterion, Map<Criterion, Criterion> replaced) {
        if (replaced.containsKey(criterion)) {
            return replaced.get(criterion);
        }
        if (criterion instanceof ConjunctionCriterion conjunction) {
            List<Criterion> inner = conjunction.getCriteria().stream().map(one -> replaced(one, replaced)).toList();
            switch (conjunction.getType()) {
                case AND:
                    return SearchQuery.and(inner);
                case OR:
                    return SearchQuery.or(inner);
                default:
                    return SearchQuery.not(inner);
            }
        }
        return criterion;
    }

    /** A UID set every match must be in: one reached from the top through AND alone. */
    private static Optional<Criterion> conjoinedUidSet(List<Criterion> criteria) {
        for (Criterion criterion : criteria) {
            if (criterion instanceof SearchQuery.UidCriterion) {
                return Optional.of(criterion);
            }
            if (criterion instanceof ConjunctionCriterion conjunction && conjunction.getType() == Conjunction.AND) {
                Optional<Criterion> inner = conjoinedUidSet(conjunction.getCriteria());
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }
}
