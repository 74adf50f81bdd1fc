package vn.congvu.gateway.recipients;

import java.util.List;

/** Whom a notice is for, as the sender named them. */
public record NoticeTargets(List<String> numbers, List<String> uids, List<String> groups, List<String> units,
                            boolean includeSubUnits) {

    public NoticeTargets {
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
        uids = uids == null ? List.of() : List.copyOf(uids);
        groups = groups == null ? List.of() : List.copyOf(groups);
        units = units == null ? List.of() : List.copyOf(units);
    }

    public boolean isEmpty() {
        return numbers.isEmpty() && uids.isEmpty() && groups.isEmpty() && units.isEmpty();
    }

    public boolean namesDirectoryEntries() {
        return !uids.isEmpty() || !groups.isEmpty() || !units.isEmpty();
    }
}
