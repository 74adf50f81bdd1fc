package vn.congvu.directory.provisioning;

/** What an import does to one official. */
public enum RowAction {
    CREATE, UPDATE, DISABLE, UNCHANGED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
