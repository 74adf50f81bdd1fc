package vn.congvu.mail.imap.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.Flags.Flag;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.junit.jupiter.api.Test;

class UidQueriesTest {
    private static final TreeSet<Long> ALL = new TreeSet<>(List.of(1L, 2L, 3L, 5L, 8L));

    private final Criterion subject = SearchQuery.subject("chi dao");
    private final Criterion body = SearchQuery.bodyContains("sat lo");
    private final Map<Criterion, TreeSet<Long>> found = new IdentityHashMap<>(Map.of(
        subject, new TreeSet<>(List.of(1L, 3L, 8L)),
        body, new TreeSet<>(List.of(3L, 5L))));

    @Test
    void combinesTheSetsOfAnsweredKeys() {
        assertEquals(uids(3), matching(List.of(subject, body)));
        assertEquals(uids(1, 3, 5, 8), matching(List.of(SearchQuery.or(subject, body))));
        assertEquals(uids(2, 5), matching(List.of(SearchQuery.not(subject))));
        assertEquals(uids(2), matching(List.of(SearchQuery.not(SearchQuery.or(subject, body)))));
        assertEquals(uids(3, 8), matching(List.of(SearchQuery.uid(new SearchQuery.UidRange[] {
            new SearchQuery.UidRange(MessageUid.of(2), MessageUid.of(8))}), subject)));
        assertEquals(uids(1, 2, 3, 5, 8), matching(List.of(SearchQuery.all())));
    }

    @Test
    void readsTheMailboxUidsOnlyWhenNeeded() {
        AtomicInteger reads = new AtomicInteger();
        UidQueries.matching(List.of(subject, SearchQuery.or(subject, body)), found, () -> {
            reads.incrementAndGet();
            return ALL;
        });
        assertEquals(0, reads.get());
    }

    @Test
    void leavesFlagsToTheScan() {
        assertTrue(UidQueries.answers(List.of(), List.of(SearchQuery.not(subject)), found));
        assertFalse(UidQueries.answers(List.of(), List.of(subject, SearchQuery.flagIsSet(Flag.SEEN)), found));
        assertFalse(UidQueries.answers(List.of(new SearchQuery.Sort(SearchQuery.Sort.SortClause.Arrival)), List.of(subject), found));
    }

    private List<MessageUid> matching(List<Criterion> criteria) {
        return UidQueries.matching(criteria, found, () -> ALL);
    }

    private static List<MessageUid> uids(long... uids) {
        return java.util.Arrays.stream(uids).mapToObj(MessageUid::of).toList();
    }
}
