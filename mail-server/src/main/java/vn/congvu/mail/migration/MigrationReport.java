package vn.congvu.mail.migration;

import java.util.Comparator;
import java.util.List;

/** The report of a run, printed and written to a file: every row of the list, migrated, failed or broken, and why. */
final class MigrationReport {
    private MigrationReport() {
    }

    static String text(String from, List<MigrationList.BrokenRow> broken, List<OfficialMigration.Outcome> outcomes) {
        StringBuilder text = new StringBuilder();
        long migrated = outcomes.stream().filter(OfficialMigration.Outcome::migrated).count();
        long copied = outcomes.stream().mapToLong(OfficialMigration.Outcome::copied).sum();
        text.append("Migration from ").append(from).append(": ").append(migrated).append(" officials migrated, ")
            .append(outcomes.size() - migrated).append(" failed, ").append(broken.size()).append(" rows broken; ")
            .append(copied).append(" messages copied\n");
        text.append("line\tofficial\tresult\tmessages copied\tfolders\tseconds\treason\n");
        record Line(int line, String text) {
        }
        java.util.stream.Stream.concat(
                outcomes.stream().map(outcome -> new Line(outcome.row().line(), outcome.row().line() + "\t" + outcome.row().address()
                    + "\t" + (outcome.migrated() ? "migrated" : "FAILED") + "\t" + outcome.copied() + "\t" + outcome.folders()
                    + "\t" + outcome.seconds() + "\t" + (outcome.reason() == null ? "" : outcome.reason()))),
                broken.stream().map(row -> new Line(row.line(), row.line() + "\t" + row.uid() + "\tBROKEN ROW\t0\t0\t0\t" + row.reason())))
            .sorted(Comparator.comparingInt(Line::line))
            .forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }
}
