package vn.congvu.directory.provisioning;

/** What happened to one planned row when the plan was applied. {@code error} is null when it was applied. */
public record RowOutcome(PlannedRow row, String error) {

    public boolean ok() {
        return error == null;
    }
}
