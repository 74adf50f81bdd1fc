package vn.congvu.directory.provisioning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an import would do, computed before anything is written.
 *
 * @param unitsToCreate  new units, parents before children
 * @param unitRenames    existing units whose name ({@code description}) the file changes
 * @param groupsToCreate names of groups the file mentions that do not exist yet
 * @param untouched      officials in the directory that the file does not mention (never deleted)
 */
public record ImportPlan(
        List<PlannedRow> rows,
        List<RowProblem> problems,
        List<NewUnit> unitsToCreate,
        List<UnitRename> unitRenames,
        List<String> groupsToCreate,
        List<String> unknownColumns,
        int untouched) {

    /** A unit to add under {@code parentDn}; {@code name} is null when no row names it (the code stands in). */
    public record NewUnit(String code, String dn, String parentDn, String name) {

        NewUnit named(String newName) {
            return new NewUnit(code, dn, parentDn, newName);
        }

        /** The {@code description} to store: the unit's name, else its code, as units always had. */
        String description() {
            return name == null ? code : name;
        }
    }

    /** An existing unit whose name changes from {@code before} to {@code after}. */
    public record UnitRename(String code, String dn, String before, String after) {
    }

    public Map<RowAction, Integer> counts() {
        Map<RowAction, Integer> counts = new EnumMap<>(RowAction.class);
        for (RowAction a : RowAction.values()) {
            counts.put(a, 0);
        }
        for (PlannedRow r : rows) {
            counts.merge(r.action(), 1, Integer::sum);
        }
        return counts;
    }

    public long errorRows() {
        return problems.stream().filter(RowProblem::isError).map(RowProblem::line).distinct().count();
    }

    public List<RowProblem> errors() {
        return problems.stream().filter(RowProblem::isError).toList();
    }

    public List<RowProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public long creates() {
        return rows.stream().filter(r -> r.action() == RowAction.CREATE).count();
    }

    public boolean changesSomething() {
        return !unitsToCreate.isEmpty() || !unitRenames.isEmpty() || !groupsToCreate.isEmpty()
                || rows.stream().anyMatch(r -> r.action() != RowAction.UNCHANGED);
    }
}
