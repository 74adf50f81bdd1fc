package vn.congvu.directory.provisioning;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ldaptive.LdapException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.password.InitialPassword;

/** {@code ./congvu import FILE}: bulk provisioning of officials from a personnel list. */
@Command(name = "congvu import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Creates, updates and disables officials in the directory from a personnel list (CSV or XLSX).",
            "Columns: uid, full_name, mail, mobile, unit, title, groups (separated by |), optional status "
                + "(active/disabled) and unit_name (the human name of the row's unit). Units may be written as "
                + "PARENT/CHILD.",
            "Every row is checked before anything is written; re-running the same file changes nothing; "
                + "nothing is ever deleted.",
            "Directory: CONGVU_LDAP_URL, CONGVU_LDAP_BIND_DN, CONGVU_LDAP_BIND_PASSWORD, CONGVU_DOMAIN "
                + "(default: the embedded directory of ./congvu up)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:every row was applied (or is unchanged)",
            "1:some rows were rejected or failed; the others were applied (none with --strict)",
            "2:the file or the options are unusable; nothing was written",
            "3:the directory could not be reached or refused the import; see the message"})
public final class ImportCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ROWS_FAILED = 1;
    static final int UNUSABLE = 2;
    static final int DIRECTORY = 3;

    @Parameters(index = "0", paramLabel = "FILE", description = "personnel list: .csv (UTF-8, ',' or ';') or .xlsx")
    Path file;

    @Option(names = "--dry-run", description = "print the plan and change nothing")
    boolean dryRun;

    @Option(names = "--passwords-out", paramLabel = "FILE",
            description = "write uid,mail,initial_password of new accounts here (mode 600); required when the plan "
                + "creates accounts")
    Path passwordsOut;

    @Option(names = "--strict", description = "apply nothing when any row has an error")
    boolean strict;

    @Option(names = "--sync-groups", description = "also remove officials from groups their row no longer lists "
            + "(by default an import only adds memberships)")
    boolean syncGroups;

    @Option(names = {"-v", "--verbose"}, description = "list every row, unchanged ones too (a dry run lists changed rows)")
    boolean verbose;

    private final Map<String, String> env;
    private final PrintStream out;

    public ImportCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code = new CommandLine(new ImportCommand(System.getenv(), out)).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() {
        ImportReport report = new ImportReport(out, verbose);
        PersonnelSheet sheet;
        try {
            sheet = PersonnelFileReader.read(file);
        } catch (FileProblem e) {
            out.println("error: " + e.getMessage());
            return UNUSABLE;
        }
        DirectorySettings settings;
        try {
            settings = DirectorySettings.fromEnvironment(env);
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return UNUSABLE;
        }
        out.printf("Reading %s: %d row(s). Directory %s (%s)%n", file, sheet.rows().size(),
                String.join(" ", settings.urls()), settings.layout().baseDn());
        try (DirectoryClient client = new DirectoryClient(settings)) {
            DirectorySnapshot snapshot = DirectorySnapshot.read(client);
            ImportPlan plan = new ImportPlanner(settings.layout(), syncGroups).plan(sheet, snapshot);
            report.plan(plan, sheet.rows().size(), dryRun || verbose);
            List<String> base = BaseTree.load(settings.layout()).missing(client.connectionFactory());
            if (!base.isEmpty()) {
                out.println("  the directory lacks the CongVu base tree: " + (dryRun ? "would create " : "creates ")
                        + String.join("; ", base));
            }
            if (dryRun) {
                out.println("Dry run: nothing was changed.");
                return plan.errorRows() > 0 ? ROWS_FAILED : OK;
            }
            if (strict && plan.errorRows() > 0) {
                out.println("--strict: " + plan.errorRows() + " row(s) have errors, nothing was changed. "
                        + "Fix them and run again.");
                return ROWS_FAILED;
            }
            if (!plan.changesSomething()) {
                out.println("Nothing to change.");
                return plan.errorRows() > 0 ? ROWS_FAILED : OK;
            }
            Map<String, String> hashes = new HashMap<>();
            List<PasswordsFile.Entry> issued = new ArrayList<>();
            PasswordsFile passwords = passwordsFor(plan, hashes, issued);
            if (passwords == null && plan.creates() > 0) {
                return UNUSABLE;
            }
            List<RowOutcome> outcomes = applyWithProgress(client, plan, hashes);
            if (passwords != null) {
                keepCreatedOnly(passwords, issued, outcomes);
            }
            report.outcome(outcomes, plan);
            if (passwords != null) {
                out.println("Initial passwords of new accounts: " + passwords.path()
                        + " (mode 600; hand them over securely, then delete the file)");
            }
            boolean failures = outcomes.stream().anyMatch(o -> !o.ok()) || plan.errorRows() > 0;
            return failures ? ROWS_FAILED : OK;
        } catch (DirectoryUnavailableException e) {
            out.println("error: the directory is unreachable (" + e.getMessage() + "). Check that it is running "
                    + "and CONGVU_LDAP_URL; nothing more was changed. Re-run the same file when it is back.");
            return DIRECTORY;
        } catch (DirectoryException | LdapException e) {
            out.println("error: the directory refused the import: " + e.getMessage()
                    + ". Check CONGVU_LDAP_BIND_DN has write access and the CongVu schema is loaded "
                    + "(config/ldap/congvu-schema.ldif).");
            return DIRECTORY;
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return UNUSABLE;
        }
    }

    /** Generates the passwords and writes them out before any account exists. Null when that is impossible. */
    private PasswordsFile passwordsFor(ImportPlan plan, Map<String, String> hashes, List<PasswordsFile.Entry> entries)
            throws IOException {
        if (plan.creates() == 0) {
            return null;
        }
        if (passwordsOut == null) {
            out.println("error: the plan creates " + plan.creates() + " account(s): give --passwords-out FILE to "
                    + "receive their initial passwords. Nothing was changed.");
            return null;
        }
        PasswordsFile file = new PasswordsFile(passwordsOut);
        try {
            file.checkWritable();
        } catch (FileProblem e) {
            out.println("error: " + e.getMessage() + ". Nothing was changed.");
            return null;
        }
        InitialPassword generator = new InitialPassword();
        for (PlannedRow r : plan.rows()) {
            if (r.action() == RowAction.CREATE) {
                String password = generator.generate();
                hashes.put(r.record().uid(), generator.hash(password));
                entries.add(new PasswordsFile.Entry(r.record().uid(), r.record().mail(), password));
            }
        }
        file.write(entries);
        return file;
    }

    /** Rewrites the file without the accounts whose creation failed: their passwords were never set. */
    private static void keepCreatedOnly(PasswordsFile file, List<PasswordsFile.Entry> entries, List<RowOutcome> outcomes)
            throws IOException {
        java.util.Set<String> failed = new java.util.HashSet<>();
        outcomes.stream().filter(o -> !o.ok() && o.row().action() == RowAction.CREATE)
                .forEach(o -> failed.add(o.row().record().uid()));
        if (!failed.isEmpty()) {
            file.write(entries.stream().filter(e -> !failed.contains(e.uid())).toList());
        }
    }

    private List<RowOutcome> applyWithProgress(DirectoryClient client, ImportPlan plan, Map<String, String> hashes)
            throws LdapException {
        PlanApplier applier = new PlanApplier(client);
        if (System.console() == null) {
            return applier.apply(plan, hashes, n -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(plan.rows().size())
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            return applier.apply(plan, hashes, bar::stepTo);
        }
    }
}
