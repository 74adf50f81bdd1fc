package vn.congvu.directory.provisioning;

import java.util.Map;

/**
 * One data row of a personnel file as read, before validation.
 *
 * @param line      the line (CSV) or row (XLSX) number a person sees in the editor, 1-based
 * @param values    cell text by column name (lower case, see {@link Columns})
 * @param readError why the row could not be split into cells properly, or null
 */
public record SourceRow(int line, Map<String, String> values, String readError) {

    public SourceRow(int line, Map<String, String> values) {
        this(line, values, null);
    }

    public String get(String column) {
        String v = values.get(column);
        return v == null ? "" : v;
    }
}
