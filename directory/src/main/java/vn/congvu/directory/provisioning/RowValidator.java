package vn.congvu.directory.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.model.MobileNumber;

/**
 * Checks one row on its own (syntax of every cell). Checks that need the other rows or the directory
 * (duplicates, conflicts) are the planner's.
 */
public final class RowValidator {

    /** uids end up in DNs and mail addresses: keep them to characters that need no escaping anywhere. */
    static final Pattern UID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern UNIT_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern MAIL_LOCAL = Pattern.compile("[a-z0-9][a-z0-9._+-]{0,63}");
    private static final int MAX_TEXT = 128;

    private final DirectoryLayout layout;

    public RowValidator(DirectoryLayout layout) {
        this.layout = layout;
    }

    /** The record, or null with the reasons added to {@code problems}. */
    public OfficialRecord validate(SourceRow row, List<RowProblem> problems) {
        int line = row.line();
        String uid = row.get(Columns.UID).toLowerCase(Locale.ROOT);
        List<String> errors = new ArrayList<>();
        if (row.readError() != null) {
            errors.add(row.readError());
        }

        if (uid.isEmpty()) {
            errors.add("uid is empty");
        } else if (!UID.matcher(uid).matches()) {
            errors.add("uid '" + row.get(Columns.UID) + "' may only contain a-z, 0-9, '.', '_' and '-' "
                    + "(start with a letter or digit, at most 64)");
        }

        String fullName = row.get(Columns.FULL_NAME).replaceAll("\\s+", " ");
        if (fullName.isEmpty()) {
            errors.add("full_name is empty");
        } else {
            checkText(Columns.FULL_NAME, fullName, errors);
        }

        String mail = row.get(Columns.MAIL).toLowerCase(Locale.ROOT);
        String mailError = checkMail(mail);
        if (mailError != null) {
            errors.add(mailError);
        }

        String mobile = null;
        String rawMobile = row.get(Columns.MOBILE);
        if (!rawMobile.isEmpty()) {
            MobileNumber.Result parsed = MobileNumber.parse(rawMobile);
            if (parsed.valid()) {
                mobile = parsed.normalised();
            } else {
                errors.add(parsed.error());
            }
        }

        List<String> unitPath = new ArrayList<>();
        String unit = row.get(Columns.UNIT);
        if (!unit.isEmpty()) {
            for (String code : unit.split("\\s*/\\s*")) {
                if (!UNIT_CODE.matcher(code).matches()) {
                    errors.add("unit '" + unit + "': each level must be a code of letters, digits, '.', '_' or '-' "
                            + "(write sub-units as PARENT/CHILD)");
                    break;
                }
                unitPath.add(code);
            }
        }

        String unitName = row.get(Columns.UNIT_NAME).replaceAll("\\s+", " ");
        if (!unitName.isEmpty()) {
            if (unit.isEmpty()) {
                errors.add("unit_name is given but unit is empty (unit_name names the last unit of the unit path)");
            }
            checkText(Columns.UNIT_NAME, unitName, errors);
        }

        String title = row.get(Columns.TITLE).replaceAll("\\s+", " ");
        if (title.length() > MAX_TEXT) {
            errors.add("title is longer than " + MAX_TEXT + " characters");
        }

        LinkedHashSet<String> groups = new LinkedHashSet<>();
        String groupCell = row.get(Columns.GROUPS);
        if (!groupCell.isEmpty()) {
            for (String g : groupCell.split("\\|")) {
                String name = g.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!NAME.matcher(name).matches()) {
                    errors.add("group '" + g.strip() + "' may only contain a-z, 0-9, '.', '_' and '-' "
                            + "(separate groups with |)");
                } else {
                    groups.add(name);
                }
            }
        }

        AccountStatus status = null;
        String s = row.get(Columns.STATUS).toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            switch (s) {
                case "active", "enabled" -> status = AccountStatus.ACTIVE;
                case "disabled", "inactive" -> status = AccountStatus.DISABLED;
                default -> errors.add("status '" + row.get(Columns.STATUS) + "' must be active or disabled");
            }
        }

        if (!errors.isEmpty()) {
            for (String e : errors) {
                problems.add(RowProblem.error(line, uid, e));
            }
            return null;
        }
        return new OfficialRecord(line, uid, fullName, mail, mobile, List.copyOf(unitPath), title,
                List.copyOf(groups), status, unitName.isEmpty() ? null : unitName);
    }

    /** Free text that ends up in LDAP and in SMS texts: bounded, and nothing a terminal or phone would act on. */
    private static void checkText(String column, String value, List<String> errors) {
        if (value.length() > MAX_TEXT) {
            errors.add(column + " is longer than " + MAX_TEXT + " characters");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(column + " contains control characters");
        }
    }

    private String checkMail(String mail) {
        if (mail.isEmpty()) {
            return "mail is empty";
        }
        int at = mail.indexOf('@');
        if (at < 0 || at != mail.lastIndexOf('@')) {
            return "mail '" + mail + "' is not an address (one @ expected)";
        }
        String local = mail.substring(0, at);
        String domain = mail.substring(at + 1);
        if (!MAIL_LOCAL.matcher(local).matches() || local.contains("..") || local.endsWith(".")) {
            return "mail '" + mail + "': the part before @ may only contain a-z, 0-9, '.', '_', '+' and '-'";
        }
        if (!domain.equals(layout.domain())) {
            return "mail '" + mail + "' is not in the mail domain " + layout.domain()
                    + " (accounts of other domains are not hosted here)";
        }
        return null;
    }
}
