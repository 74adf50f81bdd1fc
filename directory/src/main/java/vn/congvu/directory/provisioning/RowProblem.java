package vn.congvu.directory.provisioning;

/** Something wrong with one row. Errors keep the row out of the import; warnings do not. */
public record RowProblem(int line, String uid, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static RowProblem error(int line, String uid, String message) {
        return new RowProblem(line, uid, Severity.ERROR, message);
    }

    public static RowProblem warning(int line, String uid, String message) {
        return new RowProblem(line, uid, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
