package vn.congvu.gateway.recipients;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;

/**
 * Raw numbers plus officials found in the directory by uid, group (nested groups included) or unit (with
 * its sub-units when asked). An official without a usable mobile is reported, not fatal.
 */
public final class DirectoryRecipientResolver implements RecipientResolver {

    private final Supplier<DirectoryClient> directoryAccess;

    /** @param directory gives the client, or throws while the directory is not reachable or not set up */
    public DirectoryRecipientResolver(Supplier<DirectoryClient> directory) {
        this.directoryAccess = directory;
    }

    @Override
    public List<Recipient> resolve(NoticeTargets targets) {
        List<Recipient> out = new ArrayList<>(RawNumbers.resolve(targets.numbers()));
        if (!targets.namesDirectoryEntries()) {
            return out;
        }
        try {
            DirectoryClient directory = directoryAccess.get();
            for (String uid : targets.uids()) {
                Official o = directory.findByLogin(uid.strip())
                        .orElseThrow(() -> new BadTargetException("unknown official: " + uid));
                out.add(of("uid:" + o.uid(), o));
            }
            for (String group : targets.groups()) {
                if (directory.findGroup(group.strip()).isEmpty()) {
                    throw new BadTargetException("unknown group: " + group);
                }
                directory.resolveGroup(group.strip()).forEach(o -> out.add(of("group:" + group.strip() + "/" + o.uid(), o)));
            }
            for (String unit : targets.units()) {
                if (directory.findUnit(unit.strip()).isEmpty()) {
                    throw new BadTargetException("unknown unit: " + unit);
                }
                directory.resolveUnit(unit.strip(), targets.includeSubUnits())
                        .forEach(o -> out.add(of("unit:" + unit.strip() + "/" + o.uid(), o)));
            }
        } catch (DirectoryUnavailableException | IllegalStateException e) {
            throw new DirectoryDownException("the directory cannot be reached: " + e.getMessage(), e);
        }
        return out;
    }

    private static Recipient of(String target, Official o) {
        if (!o.active()) {
            return Recipient.without(target, "account " + o.uid() + " is disabled");
        }
        if (!o.hasMobile()) {
            return Recipient.without(target, o.uid() + " has no mobile number in the directory");
        }
        return Recipient.of(target, o.mobile());
    }
}
