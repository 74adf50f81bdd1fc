package vn.congvu.directory.provisioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.model.Unit;

/**
 * Turns a read personnel file and a snapshot of the directory into an {@link ImportPlan}: validates every row,
 * cross-checks rows against each other and against the directory, and works out creates, updates and disables.
 */
public final class ImportPlanner {

    private final DirectoryLayout layout;
    private final RowValidator validator;
    private final boolean syncGroups;

    /** @param syncGroups also remove officials from groups their row no longer lists (otherwise only add) */
    public ImportPlanner(DirectoryLayout layout, boolean syncGroups) {
        this.layout = layout;
        this.validator = new RowValidator(layout);
        this.syncGroups = syncGroups;
    }

    public ImportPlanner(DirectoryLayout layout) {
        this(layout, false);
    }

    public ImportPlan plan(PersonnelSheet sheet, DirectorySnapshot directory) {
        List<RowProblem> problems = new ArrayList<>();
        List<OfficialRecord> records = new ArrayList<>();
        for (SourceRow row : sheet.rows()) {
            OfficialRecord r = validator.validate(row, problems);
            if (r != null) {
                records.add(r);
            }
        }
        Set<Integer> rejected = new HashSet<>();
        rejectDuplicates(records, OfficialRecord::uid, "uid", problems, rejected);
        rejectDuplicates(records, OfficialRecord::mail, "mail", problems, rejected);
        for (OfficialRecord r : records) {
            String owner = directory.uidByMail.get(r.mail());
            if (owner != null && !owner.equalsIgnoreCase(r.uid())) {
                problems.add(RowProblem.error(r.line(), r.uid(), "mail " + r.mail()
                        + " already belongs to official '" + owner + "' in the directory"));
                rejected.add(r.line());
            }
            String group = directory.groupByMail.get(r.mail());
            if (group != null) {
                problems.add(RowProblem.error(r.line(), r.uid(), "mail " + r.mail() + " is the address of group '"
                        + group + "'"));
                rejected.add(r.line());
            }
        }
        rejectConflictingUnitNames(records, problems, rejected);
        List<ImportPlan.NewUnit> newUnits = planUnits(records, directory, problems, rejected);
        records.removeIf(r -> rejected.contains(r.line()));
        // only rows that are imported name units: a rejected row changes nothing, its unit_name included
        Map<String, String> unitNames = unitNames(records);
        newUnits = newUnits.stream().map(u -> u.named(unitNames.get(key(u.code())))).toList();
        List<ImportPlan.UnitRename> renames = unitRenames(unitNames, directory);
        warnSharedMobiles(records, directory, problems);

        Set<String> groupsToCreate = new LinkedHashSet<>();
        List<PlannedRow> rows = new ArrayList<>();
        Set<String> mentioned = new HashSet<>();
        for (OfficialRecord r : records) {
            mentioned.add(r.uid());
            for (String g : r.groups()) {
                if (!directory.groups.containsKey(g)) {
                    groupsToCreate.add(g);
                }
            }
            rows.add(planRow(r, directory));
        }
        int untouched = (int) directory.officialsByUid.keySet().stream().filter(u -> !mentioned.contains(u)).count();
        problems.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line()) : 0);
        return new ImportPlan(rows, problems, newUnits, renames, List.copyOf(groupsToCreate), sheet.unknownColumns(),
                untouched);
    }

    /** LDAP compares ou values without case, so unit codes are keyed in lower case. */
    private static String key(String unitCode) {
        return unitCode.toLowerCase(Locale.ROOT);
    }

    /** Rows that give one unit different names are all rejected: which name is right is for a person to say. */
    private static void rejectConflictingUnitNames(List<OfficialRecord> records, List<RowProblem> problems,
                                                   Set<Integer> rejected) {
        Map<String, Map<String, List<Integer>>> linesByName = new LinkedHashMap<>();
        for (OfficialRecord r : records) {
            if (r.unitName() != null) {
                linesByName.computeIfAbsent(key(r.unit()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.unitName(), k -> new ArrayList<>()).add(r.line());
            }
        }
        for (OfficialRecord r : records) {
            Map<String, List<Integer>> names = r.unitName() == null ? Map.of() : linesByName.get(key(r.unit()));
            if (names.size() > 1) {
                List<String> variants = new ArrayList<>();
                names.forEach((name, lines) -> variants.add("'" + name + "' on line" + (lines.size() > 1 ? "s " : " ")
                        + lines.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))));
                problems.add(RowProblem.error(r.line(), r.uid(), "unit_name of " + r.unit() + " differs between rows: "
                        + String.join(", ", variants) + "; give the unit one name"));
                rejected.add(r.line());
            }
        }
    }

    /** The name each unit gets from the rows, by lower-case code, in file order. */
    private static Map<String, String> unitNames(List<OfficialRecord> records) {
        Map<String, String> names = new LinkedHashMap<>();
        for (OfficialRecord r : records) {
            if (r.unitName() != null) {
                names.putIfAbsent(key(r.unit()), r.unitName());
            }
        }
        return names;
    }

    /** Existing units whose name differs from the file's; a unit the file does not name keeps its name. */
    private static List<ImportPlan.UnitRename> unitRenames(Map<String, String> names, DirectorySnapshot directory) {
        List<ImportPlan.UnitRename> renames = new ArrayList<>();
        names.forEach((code, name) -> {
            Unit u = directory.unitsByCode.get(code);
            if (u != null && !name.equals(u.name())) {
                renames.add(new ImportPlan.UnitRename(u.code(), u.dn(), u.name(), name));
            }
        });
        return renames;
    }

    private PlannedRow planRow(OfficialRecord r, DirectorySnapshot directory) {
        Official before = directory.officialsByUid.get(r.uid());
        List<String> joins = new ArrayList<>();
        String personKey = DirectorySnapshot.dnKey(layout.personDn(r.uid()));
        for (String g : r.groups()) {
            DirectorySnapshot.GroupState state = directory.groups.get(g);
            if (state == null || !state.members().contains(personKey)) {
                joins.add(g);
            }
        }
        if (before == null) {
            return new PlannedRow(r, RowAction.CREATE, null, List.of(), List.copyOf(joins), List.of());
        }
        List<String> leaves = new ArrayList<>();
        if (syncGroups) {
            for (DirectorySnapshot.GroupState g : directory.groups.values()) {
                if (g.members().contains(personKey) && !r.groups().contains(g.name())) {
                    leaves.add(g.name());
                }
            }
        }
        List<String> changes = new ArrayList<>();
        diff(changes, "full_name", before.fullName(), r.fullName());
        diff(changes, "mail", before.mail(), r.mail());
        diff(changes, "mobile", before.mobile(), r.mobile());
        diff(changes, "unit", before.unit(), r.unit());
        diff(changes, "title", emptyToNull(before.title()), emptyToNull(r.title()));
        boolean disabling = r.status() == AccountStatus.DISABLED && before.status() != AccountStatus.DISABLED;
        if (r.status() != null && r.status() != before.status()) {
            changes.add("status " + before.status().ldapValue() + " → " + r.status().ldapValue());
        }
        for (String g : joins) {
            changes.add("+group " + g);
        }
        for (String g : leaves) {
            changes.add("-group " + g);
        }
        RowAction action = disabling ? RowAction.DISABLE : changes.isEmpty() ? RowAction.UNCHANGED : RowAction.UPDATE;
        return new PlannedRow(r, action, before, List.copyOf(changes), List.copyOf(joins), List.copyOf(leaves));
    }

    private static void diff(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + (before == null ? "(none)" : before) + " → " + (after == null ? "(none)" : after));
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static void rejectDuplicates(List<OfficialRecord> records, java.util.function.Function<OfficialRecord, String> key,
                                         String what, List<RowProblem> problems, Set<Integer> rejected) {
        Map<String, List<OfficialRecord>> byKey = new LinkedHashMap<>();
        for (OfficialRecord r : records) {
            byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        for (var e : byKey.entrySet()) {
            if (e.getValue().size() > 1) {
                List<Integer> lines = e.getValue().stream().map(OfficialRecord::line).toList();
                for (OfficialRecord r : e.getValue()) {
                    problems.add(RowProblem.error(r.line(), r.uid(), what + " " + e.getKey()
                            + " appears on several lines " + lines + ": keep one"));
                    rejected.add(r.line());
                }
            }
        }
    }

    /** Units named in the file that do not exist, parents first; rows whose path contradicts the tree are rejected. */
    private List<ImportPlan.NewUnit> planUnits(List<OfficialRecord> records, DirectorySnapshot directory,
                                               List<RowProblem> problems, Set<Integer> rejected) {
        // keys are lower-case codes (LDAP compares ou without case); "" is the top of ou=units
        Map<String, String> parentOf = new HashMap<>();
        Map<String, String> dnOf = new HashMap<>();
        Map<String, String> spelling = new HashMap<>();
        for (Unit u : directory.unitsByCode.values()) {
            String key = u.code().toLowerCase(Locale.ROOT);
            parentOf.put(key, u.parentCode() == null ? "" : u.parentCode().toLowerCase(Locale.ROOT));
            dnOf.put(key, u.dn());
            spelling.put(key, u.code());
        }
        List<ImportPlan.NewUnit> created = new ArrayList<>();
        for (OfficialRecord r : records) {
            if (rejected.contains(r.line())) {
                continue;
            }
            List<ImportPlan.NewUnit> forRow = new ArrayList<>();
            Map<String, String> rowParents = new HashMap<>();
            String parent = "";
            String conflict = null;
            boolean explicitParent = r.unitPath().size() > 1;
            for (String code : r.unitPath()) {
                String key = code.toLowerCase(Locale.ROOT);
                spelling.putIfAbsent(key, code);
                String known = parentOf.containsKey(key) ? parentOf.get(key) : rowParents.get(key);
                if (known != null) {
                    if (explicitParent && !known.equals(parent)) {
                        conflict = "unit " + code + " is under " + name(spelling, known) + ", not under " + name(spelling, parent);
                        break;
                    }
                } else {
                    String parentDn = parent.isEmpty() ? layout.unitsDn()
                            : dnOf.containsKey(parent) ? dnOf.get(parent) : rowDn(forRow, parent);
                    forRow.add(new ImportPlan.NewUnit(code, "ou=" + code + "," + parentDn, parentDn, null));
                    rowParents.put(key, parent);
                }
                parent = key;
            }
            if (conflict != null) {
                problems.add(RowProblem.error(r.line(), r.uid(), conflict));
                rejected.add(r.line());
                continue;
            }
            for (ImportPlan.NewUnit u : forRow) {
                String key = u.code().toLowerCase(Locale.ROOT);
                parentOf.put(key, rowParents.get(key));
                dnOf.put(key, u.dn());
                spelling.put(key, u.code());
                created.add(u);
            }
        }
        return created;
    }

    private static String name(Map<String, String> spelling, String key) {
        return key.isEmpty() ? "the top level" : spelling.getOrDefault(key, key);
    }

    private static String rowDn(List<ImportPlan.NewUnit> forRow, String key) {
        return forRow.stream().filter(u -> u.code().equalsIgnoreCase(key)).map(ImportPlan.NewUnit::dn)
                .findFirst().orElseThrow();
    }

    private static void warnSharedMobiles(List<OfficialRecord> records, DirectorySnapshot directory, List<RowProblem> problems) {
        Map<String, List<OfficialRecord>> byMobile = new LinkedHashMap<>();
        for (OfficialRecord r : records) {
            if (r.mobile() != null) {
                byMobile.computeIfAbsent(r.mobile(), k -> new ArrayList<>()).add(r);
            }
        }
        for (var e : byMobile.entrySet()) {
            Set<String> others = new java.util.TreeSet<>();
            for (OfficialRecord r : e.getValue()) {
                others.add(r.uid());
            }
            others.addAll(directory.uidsByMobile.getOrDefault(e.getKey(), Set.of()));
            if (others.size() > 1) {
                for (OfficialRecord r : e.getValue()) {
                    Set<String> rest = new java.util.TreeSet<>(others);
                    rest.remove(r.uid());
                    problems.add(RowProblem.warning(r.line(), r.uid(), "mobile " + e.getKey()
                            + " is shared with " + String.join(", ", rest) + " (both will receive SMS alerts)"));
                }
            }
        }
    }
}
