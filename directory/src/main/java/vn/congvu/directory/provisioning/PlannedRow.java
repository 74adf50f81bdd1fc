package vn.congvu.directory.provisioning;

import java.util.List;
import vn.congvu.directory.model.Official;

/**
 * One valid row and what applying it means.
 *
 * @param before     the official as the directory has it, null for a new account
 * @param changes    human-readable changes ("mobile 8491… → 8498…", "+group van-phong")
 * @param joinGroups  groups the official is to be added to (not a member yet)
 * @param leaveGroups groups the official is to be removed from (only with --sync-groups)
 */
public record PlannedRow(OfficialRecord record, RowAction action, Official before, List<String> changes,
                         List<String> joinGroups, List<String> leaveGroups) {
}
