package vn.congvu.mail.migration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.congvu.files.OwnerOnlyFiles;

/** {@code ./congvu migrate FILE --from imaps://host}: officials' mailboxes copied from an old IMAP server into CongVu. */
@Command(name = "congvu migrate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Copies the mailboxes of the officials listed in FILE from an old IMAP server (Dovecot, Zimbra, Exchange) "
            + "into CongVu with mbsync (Debian package isync): every folder, flags and internal dates.",
        "FILE: CSV (UTF-8, ',' or ';') with columns uid (CongVu), login (old server) and password (old server), "
            + "or only uid and login with --from-master.",
        "Nothing is deleted on either side. Running it again copies only what is missing (sync state in "
            + "$CONGVU_HOME/migration). The mail server must be running on the same CONGVU_HOME."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
        "0:every official was migrated",
        "1:some rows were broken or some officials failed; the others were migrated (see the report)",
        "2:nothing was migrated: options, file, mbsync, the old server or CongVu unusable; see the message"})
public final class MigrateCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int SOME_FAILED = 1;
    static final int UNUSABLE = 2;
    // as config/james/imapserver.xml reads it
    private static final int DEFAULT_IMAPS_PORT = 2993;

    @Parameters(index = "0", paramLabel = "FILE", description = "the officials: uid,login[,password]")
    Path file;

    @Option(names = "--from", required = true, paramLabel = "URL", description = "the old server: imaps://host[:port] (imap:// for STARTTLS)")
    String from;

    @Option(names = "--from-ca", paramLabel = "PEM", description = "certificate(s) to trust for the old server (default: the system's)")
    Path fromCa;

    @Option(names = "--from-master", paramLabel = "NAME",
        description = "log in on the old server as LOGIN*NAME (Dovecot master user) instead of with each row's password")
    String fromMaster;

    @Option(names = "--from-master-password-file", paramLabel = "FILE", description = "the master's password, in a file of mode 600")
    Path fromMasterPasswordFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "officials migrated at once (default ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--to-ca", paramLabel = "PEM", description = "CongVu's certificate (default: read from the mail server's keystore)")
    Path toCa;

    @Option(names = "--report", paramLabel = "FILE", description = "where to write the report (default: $CONGVU_HOME/migration/report-TIME.txt)")
    Path reportFile;

    private final Map<String, String> env;
    private final PrintStream out;

    public MigrateCommand(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new CommandLine(new MigrateCommand(System.getenv(), out)).setOut(new java.io.PrintWriter(out, true)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(env.getOrDefault("CONGVU_HOME", "data")).toAbsolutePath().normalize();
        String domain = env.get("CONGVU_DOMAIN");
        int congvuPort = Integer.parseInt(env.getOrDefault("CONGVU_IMAPS_PORT", String.valueOf(DEFAULT_IMAPS_PORT)));
        OldServer old;
        MigrationList list;
        try {
            if (domain == null || domain.isBlank()) {
                throw new IllegalArgumentException("CONGVU_DOMAIN is not set (./congvu sets it)");
            }
            if (parallel < 1) {
                throw new IllegalArgumentException("--parallel must be 1 or more");
            }
            if ((fromMaster == null) != (fromMasterPasswordFile == null)) {
                throw new IllegalArgumentException("--from-master and --from-master-password-file go together");
            }
            if (fromMasterPasswordFile != null) {
                ownerOnly(fromMasterPasswordFile);
            }
            if (!Files.isExecutable(OfficialMigration.MBSYNC)) {
                throw new IllegalArgumentException("mbsync is not installed: sudo apt-get install isync");
            }
            if (!Files.isExecutable(OfficialMigration.SCRIPT)) {
                throw new IllegalArgumentException("script (Debian package bsdutils) is not installed: sudo apt-get install bsdutils");
            }
            old = OldServer.parse(from);
            list = MigrationList.read(file, domain, fromMaster != null);
            old.checkReachable();
            new OldServer("127.0.0.1", congvuPort, true).checkReachableAs("CongVu's IMAPS port (is the mail server running?)");
        } catch (IllegalArgumentException | MigrationList.Unreadable | IOException e) {
            out.println("error: " + e.getMessage());
            return UNUSABLE;
        }
        for (MigrationList.BrokenRow broken : list.broken()) {
            out.println("line " + broken.line() + ": " + broken.reason() + " (skipped)");
        }

        Path work = home.resolve("migration");
        OwnerOnlyFiles.directory(work);
        Path secretFile = MigrationSecret.file(home);
        try {
            MigrationSecret.create(secretFile);
        } catch (FileAlreadyExistsException e) {
            if (MigrationSecret.check(secretFile, "", Clock.systemUTC()) != MigrationSecret.Check.STALE) {
                out.println("error: another migration is running (" + secretFile + " exists); wait for it, or delete the "
                    + "file if it was killed");
                return UNUSABLE;
            }
            MigrationSecret.remove(secretFile);
            MigrationSecret.create(secretFile);
        }
        Thread cleanup = new Thread(() -> removeQuietly(secretFile));
        Runtime.getRuntime().addShutdownHook(cleanup);
        ScheduledExecutorService lease = Executors.newSingleThreadScheduledExecutor();
        lease.scheduleAtFixedRate(() -> {
            try {
                MigrationSecret.renew(secretFile);
            } catch (IOException ignored) {
                // the next renewal tries again; the lease outlasts a few misses
            }
        }, MigrationSecret.RENEW_EVERY.toSeconds(), MigrationSecret.RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        try {
            Path congvuCa = toCa != null ? toCa : CongVuCertificate.export(home, work.resolve("congvu-certificate.pem"));
            MbsyncConfig.Sides sides = new MbsyncConfig.Sides(old, fromCa, fromMaster,
                fromMasterPasswordFile == null ? null : fromMasterPasswordFile.toAbsolutePath(), congvuPort, congvuCa, secretFile);
            return migrate(list, work, sides);
        } catch (IOException e) {
            out.println("error: " + e.getMessage());
            return UNUSABLE;
        } finally {
            lease.shutdownNow();
            removeQuietly(secretFile);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private int migrate(MigrationList list, Path work, MbsyncConfig.Sides sides) throws IOException, InterruptedException {
        out.println("migrating " + list.rows().size() + " officials from " + sides.old() + ", " + parallel + " at a time");
        List<OfficialMigration> migrations = new ArrayList<>();
        for (MigrationList.Row row : list.rows()) {
            migrations.add(new OfficialMigration(row, work.resolve(row.address()), sides));
        }
        Progress progress = new Progress(migrations, out);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<OfficialMigration.Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<OfficialMigration.Outcome>> futures = new ArrayList<>();
            for (OfficialMigration migration : migrations) {
                futures.add(pool.submit(() -> progress.finished(migration.call())));
            }
            progress.start();
            for (Future<OfficialMigration.Outcome> future : futures) {
                outcomes.add(future.get());
            }
        } catch (ExecutionException e) {
            throw new IOException("a migration failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            progress.stop();
            pool.shutdownNow();
        }
        Path report = reportFile != null ? reportFile
            : work.resolve("report-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".txt");
        String text = MigrationReport.text(sides.old().toString(), list.broken(), outcomes);
        Files.writeString(report, text, StandardCharsets.UTF_8);
        out.print(text);
        out.println("report: " + report);
        boolean allMigrated = list.broken().isEmpty() && outcomes.stream().allMatch(OfficialMigration.Outcome::migrated);
        return allMigrated ? OK : SOME_FAILED;
    }

    private static void ownerOnly(Path file) {
        try {
            if (!OwnerOnlyFiles.ownerOnly(Files.getPosixFilePermissions(file))) {
                throw new IllegalArgumentException(file + " is readable by others: chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void removeQuietly(Path secretFile) {
        try {
            MigrationSecret.remove(secretFile);
        } catch (IOException ignored) {
            // the lease ends it anyway
        }
    }
}
