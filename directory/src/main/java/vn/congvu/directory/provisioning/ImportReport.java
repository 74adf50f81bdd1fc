package vn.congvu.directory.provisioning;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints a plan and the outcome of applying it, for a person reading a terminal or a log. */
public final class ImportReport {

    private final PrintStream out;
    private final boolean verbose;

    public ImportReport(PrintStream out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    /** Counts, new units and groups, problems; the rows themselves when {@code listRows} (dry run, -v). */
    public void plan(ImportPlan plan, int fileRows, boolean listRows) {
        Map<RowAction, Integer> c = plan.counts();
        out.printf("Plan for %d row(s):%n", fileRows);
        out.printf("  create    %6d%n  update    %6d%n  disable   %6d%n  unchanged %6d%n",
                c.get(RowAction.CREATE), c.get(RowAction.UPDATE), c.get(RowAction.DISABLE), c.get(RowAction.UNCHANGED));
        out.printf("  rejected  %6d row(s) with errors%n", plan.errorRows());
        if (!plan.unitsToCreate().isEmpty()) {
            out.println("  new units:  " + shortList(plan.unitsToCreate().stream()
                    .map(u -> u.name() == null ? u.code() : u.code() + " (" + u.name() + ")").toList()));
        }
        if (!plan.unitRenames().isEmpty()) {
            out.printf("  renamed units: %d (%s)%n", plan.unitRenames().size(),
                    shortList(plan.unitRenames().stream().map(ImportPlan.UnitRename::code).toList()));
        }
        if (!plan.groupsToCreate().isEmpty()) {
            out.println("  new groups: " + shortList(plan.groupsToCreate()));
        }
        if (plan.untouched() > 0) {
            out.printf("  %d official(s) in the directory are not in this file: left as they are (imports never delete)%n",
                    plan.untouched());
        }
        if (!plan.unknownColumns().isEmpty()) {
            out.println("  ignored column(s): " + String.join(", ", plan.unknownColumns()));
        }
        List<PlannedRow> listed = plan.rows().stream()
                .filter(r -> listRows && (verbose || r.action() != RowAction.UNCHANGED)).toList();
        if (!listed.isEmpty()) {
            out.println("Rows:");
            for (PlannedRow r : listed) {
                OfficialRecord rec = r.record();
                String detail = r.action() == RowAction.CREATE
                        ? rec.fullName() + " <" + rec.mail() + ">" + (rec.groups().isEmpty() ? "" : " groups " + String.join("|", rec.groups()))
                        : String.join("; ", r.changes());
                out.printf("  line %-5d %-9s %-20s %s%n", rec.line(), r.action().label(), rec.uid(), detail);
            }
        }
        if (listRows && !verbose && plan.counts().get(RowAction.UNCHANGED) > 0) {
            out.println("  (unchanged rows are not listed; -v lists them)");
        }
        if (listRows && !plan.unitRenames().isEmpty()) {
            out.println("Unit names:");
            for (ImportPlan.UnitRename u : plan.unitRenames()) {
                out.printf("  rename %-20s %s → %s%n", u.code(), u.before(), u.after());
            }
        }
        problems("Errors (these rows are not imported):", plan.errors());
        problems("Warnings:", plan.warnings());
    }

    /** A plan for a whole province names hundreds of units: list a few unless asked for everything. */
    private String shortList(List<String> names) {
        int max = verbose ? Integer.MAX_VALUE : 12;
        String shown = names.stream().limit(max).collect(Collectors.joining(", "));
        return names.size() <= max ? shown : shown + ", … (" + (names.size() - max) + " more; -v lists all)";
    }

    private void problems(String title, List<RowProblem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        out.println(title);
        for (RowProblem p : problems) {
            out.printf("  line %-5d %s%s%n", p.line(), p.uid() == null || p.uid().isEmpty() ? "" : p.uid() + ": ", p.message());
        }
    }

    public void outcome(List<RowOutcome> outcomes, ImportPlan plan) {
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        if (failed > 0) {
            out.println("Failed rows (not applied):");
            for (RowOutcome o : outcomes) {
                if (!o.ok()) {
                    out.printf("  line %-5d %s: %s%n", o.row().record().line(), o.row().record().uid(), o.error());
                }
            }
        }
        Map<RowAction, Long> applied = outcomes.stream().filter(RowOutcome::ok)
                .collect(Collectors.groupingBy(o -> o.row().action(), Collectors.counting()));
        out.printf("Done: created %d, updated %d, disabled %d, unchanged %d; failed %d; rejected %d row(s).%n",
                applied.getOrDefault(RowAction.CREATE, 0L), applied.getOrDefault(RowAction.UPDATE, 0L),
                applied.getOrDefault(RowAction.DISABLE, 0L), applied.getOrDefault(RowAction.UNCHANGED, 0L),
                failed, plan.errorRows());
        if (!plan.unitsToCreate().isEmpty() || !plan.unitRenames().isEmpty()) {
            out.printf("Units: created %d, renamed %d.%n", plan.unitsToCreate().size(), plan.unitRenames().size());
        }
    }
}
