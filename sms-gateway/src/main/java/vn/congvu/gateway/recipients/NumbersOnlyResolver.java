package vn.congvu.gateway.recipients;

import java.util.List;

/** Used when no directory is configured: raw numbers only. */
public final class NumbersOnlyResolver implements RecipientResolver {

    @Override
    public List<Recipient> resolve(NoticeTargets targets) {
        if (targets.namesDirectoryEntries()) {
            throw new BadTargetException("uids, groups and units need the directory, which is not configured"
                    + " (gateway.directory.enabled=false); send raw numbers instead");
        }
        return RawNumbers.resolve(targets.numbers());
    }
}
