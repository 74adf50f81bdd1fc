package vn.congvu.mail.imap.search;

import java.util.List;
import java.util.TreeSet;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;

/** A query made of UID sets, ALL, AND, OR and NOT only, evaluated on a mailbox's UIDs without reading a message. */
final class UidQueries {
    private UidQueries() {
    }

    static boolean answers(List<SearchQuery.Sort> sorts, List<Criterion> criteria) {
        boolean uidOrder = sorts.isEmpty() || sorts.equals(SearchQuery.DEFAULT_SORTS);
        return uidOrder && criteria.stream().allMatch(UidQueries::uidsOnly);
    }

    /** The UIDs of {@code all} that all the criteria match, in ascending order. */
    static List<MessageUid> matching(List<Criterion> criteria, TreeSet<Long> all) {
        return all.stream()
            .map(MessageUid::of)
            .filter(uid -> criteria.stream().allMatch(criterion -> holds(criterion, uid)))
            .toList();
    }

    private static boolean uidsOnly(Criterion criterion) {
        if (criterion instanceof ConjunctionCriterion conjunction) {
            return conjunction.getCriteria().stream().allMatch(UidQueries::uidsOnly);
        }
        return criterion instanceof SearchQuery.UidCriterion || criterion instanceof SearchQuery.AllCriterion;
    }

    private static boolean holds(Criterion criterion, MessageUid uid) {
        if (criterion instanceof SearchQuery.UidCriterion uids) {
            for (SearchQuery.UidRange range : uids.getOperator().getRange()) {
                if (range.isIn(uid)) {
                    return true;
                }
            }
            return false;
        }
        if (criterion instanceof ConjunctionCriterion conjunction) {
            switch (conjunction.getType()) {
                case AND:
                    return conjunction.getCriteria().stream().allMatch(inner -> holds(inner, uid));
                case OR:
                    return conjunction.getCriteria().stream().anyMatch(inner -> holds(inner, uid));
                default:
                    return conjunction.getCriteria().stream().noneMatch(inner -> holds(inner, uid));
            }
        }
        return true; // ALL
    }
}
