package vn.congvu.directory.provisioning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.ldaptive.AddOperation;
import org.ldaptive.AddRequest;
import org.ldaptive.AddResponse;
import org.ldaptive.AttributeModification;
import org.ldaptive.ConnectionFactory;
import org.ldaptive.DeleteOperation;
import org.ldaptive.DeleteRequest;
import org.ldaptive.LdapAttribute;
import org.ldaptive.LdapException;
import org.ldaptive.ModifyOperation;
import org.ldaptive.ModifyRequest;
import org.ldaptive.ModifyResponse;
import org.ldaptive.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.OfficialAttributes;
import vn.congvu.directory.model.AccountStatus;
import vn.congvu.directory.model.DirectoryLayout;
import vn.congvu.directory.model.Official;

/**
 * Writes an {@link ImportPlan} to the directory: units (new ones, then renames), then groups, then officials
 * (pipelined), then group memberships in batches. A row is all-or-nothing: when its group memberships cannot be added, its entry change
 * is undone and the row reported failed.
 */
public final class PlanApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PlanApplier.class);
    private static final int CONNECTIONS = Integer.getInteger("congvu.import.connections", 2);
    private static final int WINDOW = Integer.getInteger("congvu.import.window", 32);
    private static final int MEMBERS_PER_MODIFY = 500;

    private final DirectoryClient client;
    private final DirectoryLayout layout;

    public PlanApplier(DirectoryClient client) {
        this.client = client;
        this.layout = client.layout();
    }

    /**
     * Applies the plan. {@code passwords} holds the hashed initial password of each account to create (by uid);
     * {@code progress} is told how many rows finished, as they finish.
     */
    public List<RowOutcome> apply(ImportPlan plan, Map<String, String> passwordHashes, IntConsumer progress)
            throws LdapException {
        ConnectionFactory ldap = client.connectionFactory();
        BaseTree.load(layout).ensure(ldap);
        for (ImportPlan.NewUnit u : plan.unitsToCreate()) {
            addIfMissing(ldap, new AddRequest(u.dn(),
                    new LdapAttribute("objectClass", "top", "organizationalUnit"),
                    new LdapAttribute("ou", u.code()),
                    new LdapAttribute("description", u.description())));
        }
        for (ImportPlan.UnitRename u : plan.unitRenames()) {
            ModifyResponse r = new ModifyOperation(ldap).execute(new ModifyRequest(u.dn(), replace("description", u.after())));
            if (!r.isSuccess()) {
                throw new LdapException(r);
            }
        }

        Map<PlannedRow, String> errors = new ConcurrentHashMap<>();
        List<PlannedRow> changing = plan.rows().stream().filter(r -> r.action() != RowAction.UNCHANGED).toList();
        int done = plan.rows().size() - changing.size();
        progress.accept(done);
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger(done);
        try (LdapPipeline pipeline = new LdapPipeline(client.settings(), CONNECTIONS, WINDOW)) {
            for (PlannedRow row : changing) {
                java.util.function.Consumer<LdapPipeline.Outcome> onDone = o -> {
                    if (!o.ok()) {
                        errors.put(row, describe(o));
                    }
                    progress.accept(finished.incrementAndGet());
                };
                if (row.action() == RowAction.CREATE) {
                    pipeline.add(createRequest(row.record(), passwordHashes.get(row.record().uid())), onDone);
                } else {
                    AttributeModification[] mods = modifications(row.before(), row.record());
                    if (mods.length == 0) {
                        onDone.accept(new LdapPipeline.Outcome(true, ResultCode.SUCCESS, null));
                    } else {
                        pipeline.modify(new ModifyRequest(layout.personDn(row.record().uid()), mods), onDone);
                    }
                }
            }
            pipeline.awaitAll();
            Set<String> filled = createGroups(ldap, plan.groupsToCreate(), changing, errors);
            changeMemberships(pipeline, ldap, changing, errors, filled);
        }

        List<RowOutcome> outcomes = new ArrayList<>();
        for (PlannedRow row : plan.rows()) {
            outcomes.add(new RowOutcome(row, errors.get(row)));
        }
        return outcomes;
    }

    /**
     * New groups are created after their members, with the whole member list in the add: one write instead of
     * a modify per batch (servers merge each added value into the existing ones, so big groups grow in
     * quadratic time that way). Returns the groups created so; any other outcome falls back to member batches.
     */
    private Set<String> createGroups(ConnectionFactory ldap, List<String> groups, List<PlannedRow> rows,
                                     Map<PlannedRow, String> errors) {
        Set<String> filled = new HashSet<>();
        for (String g : groups) {
            String dn = layout.groupDn(g);
            List<String> members = new ArrayList<>();
            // groupOfNames must have a member; a group listing itself is skipped by expansion.
            members.add(dn);
            for (PlannedRow row : rows) {
                if (!errors.containsKey(row) && row.joinGroups().contains(g)) {
                    members.add(layout.personDn(row.record().uid()));
                }
            }
            AddRequest add = new AddRequest(dn,
                    new LdapAttribute("objectClass", "top", "groupOfNames", "congvuMailGroup"),
                    new LdapAttribute("cn", g),
                    new LdapAttribute("mail", layout.groupMail(g)),
                    new LdapAttribute("member", members.toArray(String[]::new)));
            try {
                AddResponse r = new AddOperation(ldap).execute(add);
                if (r.isSuccess()) {
                    filled.add(g);
                } else {
                    LOG.warn("creating group {} failed ({}): adding its members one batch at a time", g,
                            r.getDiagnosticMessage());
                }
            } catch (LdapException e) {
                LOG.warn("creating group {} failed ({}): adding its members one batch at a time", g, e.getMessage());
            }
        }
        return filled;
    }

    private void changeMemberships(LdapPipeline pipeline, ConnectionFactory ldap, List<PlannedRow> rows,
                                   Map<PlannedRow, String> errors, Set<String> filled) {
        record Batch(String group, AttributeModification.Type type, List<PlannedRow> rows) {
        }
        Map<String, List<PlannedRow>> joiners = new LinkedHashMap<>();
        Map<String, List<PlannedRow>> leavers = new LinkedHashMap<>();
        for (PlannedRow row : rows) {
            if (!errors.containsKey(row)) {
                row.joinGroups().stream().filter(g -> !filled.contains(g))
                        .forEach(g -> joiners.computeIfAbsent(g, k -> new ArrayList<>()).add(row));
                row.leaveGroups().forEach(g -> leavers.computeIfAbsent(g, k -> new ArrayList<>()).add(row));
            }
        }
        List<Batch> batches = new ArrayList<>();
        for (var type : List.of(AttributeModification.Type.ADD, AttributeModification.Type.DELETE)) {
            var byGroup = type == AttributeModification.Type.ADD ? joiners : leavers;
            for (var e : byGroup.entrySet()) {
                List<PlannedRow> all = e.getValue();
                for (int i = 0; i < all.size(); i += MEMBERS_PER_MODIFY) {
                    batches.add(new Batch(e.getKey(), type, all.subList(i, Math.min(all.size(), i + MEMBERS_PER_MODIFY))));
                }
            }
        }
        Map<Batch, String> failed = new ConcurrentHashMap<>();
        for (Batch b : batches) {
            pipeline.modify(members(b.group(), b.type(), b.rows()), o -> {
                if (!o.ok()) {
                    failed.put(b, describe(o));
                }
            });
        }
        pipeline.awaitAll();
        // A failed batch is retried member by member to find the rows at fault; those rows are undone.
        for (var f : failed.entrySet()) {
            Batch b = f.getKey();
            String what = (b.type() == AttributeModification.Type.ADD ? "cannot join group " : "cannot leave group ") + b.group();
            LOG.warn("{} members: {} failed ({}); retrying one by one", b.rows().size(), what, f.getValue());
            for (PlannedRow row : b.rows()) {
                try {
                    ModifyResponse r = new ModifyOperation(ldap).execute(members(b.group(), b.type(), List.of(row)));
                    if (!r.isSuccess() && r.getResultCode() != ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                            && r.getResultCode() != ResultCode.NO_SUCH_ATTRIBUTE) {
                        undo(ldap, row, what + ": " + r.getDiagnosticMessage(), errors);
                    }
                } catch (LdapException ex) {
                    undo(ldap, row, what + ": " + ex.getMessage(), errors);
                }
            }
        }
    }

    private ModifyRequest members(String group, AttributeModification.Type type, List<PlannedRow> rows) {
        String[] dns = rows.stream().map(r -> layout.personDn(r.record().uid())).toArray(String[]::new);
        return new ModifyRequest(layout.groupDn(group), new AttributeModification(type, new LdapAttribute("member", dns)));
    }

    /** Puts an official and their memberships back as before this import, so no half-applied row remains. */
    private void undo(ConnectionFactory ldap, PlannedRow row, String reason, Map<PlannedRow, String> errors) {
        String dn = layout.personDn(row.record().uid());
        try {
            for (String g : row.joinGroups()) {
                new ModifyOperation(ldap).execute(members(g, AttributeModification.Type.DELETE, List.of(row)));
            }
            for (String g : row.leaveGroups()) {
                new ModifyOperation(ldap).execute(members(g, AttributeModification.Type.ADD, List.of(row)));
            }
            if (row.action() == RowAction.CREATE) {
                new DeleteOperation(ldap).execute(new DeleteRequest(dn));
            } else {
                AttributeModification[] back = modificationsTo(row.before());
                new ModifyOperation(ldap).execute(new ModifyRequest(dn, back));
            }
            errors.put(row, reason + " (row not applied)");
        } catch (LdapException e) {
            errors.put(row, reason + "; undoing the row also failed: " + e.getMessage());
        }
    }

    private AddRequest createRequest(OfficialRecord r, String passwordHash) {
        List<LdapAttribute> attrs = new ArrayList<>();
        attrs.add(new LdapAttribute("objectClass", OfficialAttributes.OBJECT_CLASSES));
        attrs.add(new LdapAttribute("uid", r.uid()));
        attrs.add(new LdapAttribute("cn", r.fullName()));
        attrs.add(new LdapAttribute("sn", r.surname()));
        attrs.add(new LdapAttribute("givenName", r.givenName()));
        attrs.add(new LdapAttribute("mail", r.mail()));
        if (r.mobile() != null) {
            attrs.add(new LdapAttribute("mobile", r.mobile()));
        }
        if (!r.title().isEmpty()) {
            attrs.add(new LdapAttribute("title", r.title()));
        }
        if (r.unit() != null) {
            attrs.add(new LdapAttribute("ou", r.unit()));
        }
        attrs.add(new LdapAttribute("userPassword", Objects.requireNonNull(passwordHash, "password for " + r.uid())));
        AccountStatus status = r.status() == null ? AccountStatus.ACTIVE : r.status();
        attrs.add(new LdapAttribute(OfficialAttributes.STATUS, status.ldapValue()));
        attrs.add(new LdapAttribute(OfficialAttributes.MUST_CHANGE, "TRUE"));
        return new AddRequest(layout.personDn(r.uid()), attrs);
    }

    /** The attribute changes that turn {@code before} into what the row says. */
    static AttributeModification[] modifications(Official before, OfficialRecord r) {
        List<AttributeModification> mods = new ArrayList<>();
        if (!Objects.equals(before.fullName(), r.fullName())) {
            mods.add(replace("cn", r.fullName()));
            mods.add(replace("sn", r.surname()));
            mods.add(replace("givenName", r.givenName()));
        }
        setOrClear(mods, "mail", before.mail(), r.mail());
        setOrClear(mods, "mobile", before.mobile(), r.mobile());
        setOrClear(mods, "ou", before.unit(), r.unit());
        setOrClear(mods, "title", blankToNull(before.title()), blankToNull(r.title()));
        if (r.status() != null && r.status() != before.status()) {
            mods.add(replace(OfficialAttributes.STATUS, r.status().ldapValue()));
        }
        return mods.toArray(AttributeModification[]::new);
    }

    /** The changes that restore an official exactly as read before the import. */
    private static AttributeModification[] modificationsTo(Official before) {
        List<AttributeModification> mods = new ArrayList<>();
        mods.add(replace("cn", before.fullName()));
        mods.add(replaceOrRemove("mail", before.mail()));
        mods.add(replaceOrRemove("mobile", before.mobile()));
        mods.add(replaceOrRemove("ou", before.unit()));
        mods.add(replaceOrRemove("title", blankToNull(before.title())));
        mods.add(replace(OfficialAttributes.STATUS, before.status().ldapValue()));
        return mods.toArray(AttributeModification[]::new);
    }

    private static void setOrClear(List<AttributeModification> mods, String attr, String before, String after) {
        if (!Objects.equals(before, after)) {
            mods.add(replaceOrRemove(attr, after));
        }
    }

    /** REPLACE with no values removes the attribute, and is not an error when it is already absent. */
    private static AttributeModification replaceOrRemove(String attr, String value) {
        return value == null
                ? new AttributeModification(AttributeModification.Type.REPLACE, new LdapAttribute(attr))
                : replace(attr, value);
    }

    private static AttributeModification replace(String attr, String value) {
        return new AttributeModification(AttributeModification.Type.REPLACE, new LdapAttribute(attr, value));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void addIfMissing(ConnectionFactory ldap, AddRequest request) throws LdapException {
        AddResponse r = new AddOperation(ldap).execute(request);
        if (!r.isSuccess() && r.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
            throw new LdapException(r);
        }
    }

    private static String describe(LdapPipeline.Outcome o) {
        String msg = o.message() == null || o.message().isBlank() ? "" : ": " + o.message();
        return "LDAP " + (o.code() == null ? "error" : o.code().name().toLowerCase().replace('_', ' ')) + msg;
    }
}
