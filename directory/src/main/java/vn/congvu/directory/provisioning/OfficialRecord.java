package vn.congvu.directory.provisioning;

import java.util.List;
import vn.congvu.directory.model.AccountStatus;

/**
 * A validated row: the state the file wants for one official.
 *
 * @param mobile    normalised 84xxxxxxxxx, or null when the row leaves it empty
 * @param unitPath  unit codes from the top of the tree down to the official's unit; empty for none
 * @param status    null when the file does not say (new accounts are then active, existing ones keep theirs)
 * @param unitName  human name of {@link #unit()}, null when the file does not say (the unit keeps its name)
 */
public record OfficialRecord(
        int line,
        String uid,
        String fullName,
        String mail,
        String mobile,
        List<String> unitPath,
        String title,
        List<String> groups,
        AccountStatus status,
        String unitName) {

    public String unit() {
        return unitPath.isEmpty() ? null : unitPath.get(unitPath.size() - 1);
    }

    /** Vietnamese names put the family name first and the given name last. */
    public String surname() {
        String[] words = fullName.split("\\s+");
        return words[0];
    }

    public String givenName() {
        String[] words = fullName.split("\\s+");
        return words[words.length - 1];
    }
}
