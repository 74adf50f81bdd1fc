package vn.congvu.directory.provisioning;

import java.util.List;

/**
 * A personnel file read into rows: the normalised header and the non-empty data rows.
 *
 * @param unknownColumns header cells that are not CongVu columns (reported, ignored)
 */
public record PersonnelSheet(List<String> header, List<SourceRow> rows, List<String> unknownColumns) {

    public boolean hasColumn(String column) {
        return header.contains(column);
    }
}
