package vn.congvu.mail.imap.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.SearchQuery.UidRange;

/** UIDs as the fewest ranges that hold them. */
final class UidSets {
    private UidSets() {
    }

    static UidRange[] ranges(List<MessageUid> uids) {
        List<MessageUid> sorted = uids.stream().sorted().toList();
        List<UidRange> ranges = new ArrayList<>();
        int start = 0;
        for (int at = 1; at <= sorted.size(); at++) {
            if (at == sorted.size() || sorted.get(at).asLong() != sorted.get(at - 1).asLong() + 1) {
                ranges.add(new UidRange(sorted.get(start), sorted.get(at - 1)));
                start = at;
            }
        }
        return ranges.toArray(UidRange[]::new);
    }
}
