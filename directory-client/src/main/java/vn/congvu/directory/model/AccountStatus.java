package vn.congvu.directory.model;

import java.util.Locale;

/** Account status of an official, stored in {@code congvuAccountStatus}. */
public enum AccountStatus {
    ACTIVE, DISABLED;

    public String ldapValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Absent or unknown values count as active: entries created by other tools have no status. */
    public static AccountStatus fromLdap(String value) {
        return value != null && value.trim().equalsIgnoreCase("disabled") ? DISABLED : ACTIVE;
    }
}
