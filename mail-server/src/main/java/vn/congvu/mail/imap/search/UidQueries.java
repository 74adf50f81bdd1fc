package vn.congvu.mail.imap.search;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.Criterion;

/**
 * A query of text keys already answered, UID sets, ALL, AND, OR and NOT, evaluated on sets of UIDs without reading
 * a message. The mailbox's UIDs are read from the index only for what needs them (UID sets, ALL, NOT).
 */
final class UidQueries {
    private UidQueries() {
    }

    static boolean answers(List<SearchQuery.Sort> sorts, List<Criterion> criteria, Map<Criterion, TreeSet<Long>> found) {
        boolean uidOrder = sorts.isEmpty() || sorts.equals(SearchQuery.DEFAULT_SORTS);
        return uidOrder && criteria.stream().allMatch(criterion -> setsOnly(criterion, found));
    }

    /** The UIDs all the criteria match, in ascending order. */
    static List<MessageUid> matching(List<Criterion> criteria, Map<Criterion, TreeSet<Long>> found, Supplier<TreeSet<Long>> all) {
        Universe universe = new Universe(all);
        TreeSet<Long> result = null;
        for (Criterion criterion : criteria) {
            TreeSet<Long> matched = evaluate(criterion, found, universe);
            result = result == null ? matched : intersection(result, matched);
        }
        return (result == null ? universe.get() : result).stream().map(MessageUid::of).toList();
    }

    private static final class Universe {
        private final Supplier<TreeSet<Long>> read;
        private TreeSet<Long> uids;

        Universe(Supplier<TreeSet<Long>> read) {
            this.read = read;
        }

        TreeSet<Long> get() {
            if (uids == null) {
                uids = read.get();
            }
            return uids;
        }
    }

    private static boolean setsOnly(Criterion criterion, Map<Criterion, TreeSet<Long>> found) {
        if (found.containsKey(criterion)) {
            return true;
        }
        if (criterion instanceof ConjunctionCriterion conjunction) {
            return conjunction.getCriteria().stream().allMatch(inner -> setsOnly(inner, found));
        }
        return criterion instanceof SearchQuery.UidCriterion || criterion instanceof SearchQuery.AllCriterion;
    }

    private static TreeSet<Long> evaluate(Criterion criterion, Map<Criterion, TreeSet<Long>> found, Universe universe) {
        TreeSet<Long> known = found.get(criterion);
        if (known != null) {
            return known;
        }
        if (criterion instanceof SearchQuery.UidCriterion uids) {
            TreeSet<Long> inRanges = new TreeSet<>();
            for (SearchQuery.UidRange range : uids.getOperator().getRange()) {
                inRanges.addAll(universe.get().subSet(range.getLowValue().asLong(), true, range.getHighValue().asLong(), true));
            }
            return inRanges;
        }
        if (criterion instanceof ConjunctionCriterion conjunction) {
            List<TreeSet<Long>> inner = conjunction.getCriteria().stream().map(one -> evaluate(one, found, universe)).toList();
            switch (conjunction.getType()) {
                case AND:
                    return inner.stream().reduce(UidQueries::intersection).orElseGet(universe::get);
                case OR:
                    TreeSet<Long> union = new TreeSet<>();
                    inner.forEach(union::addAll);
                    return union;
                default:
                    TreeSet<Long> none = new TreeSet<>(universe.get());
                    inner.forEach(none::removeAll);
                    return none;
            }
        }
        return universe.get(); // ALL
    }

    private static TreeSet<Long> intersection(TreeSet<Long> a, TreeSet<Long> b) {
        TreeSet<Long> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }
}
