package vn.congvu.directory.provisioning;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The columns of a personnel file (DESIGN.md "Bulk provisioning file"). */
public final class Columns {

    public static final String UID = "uid";
    public static final String FULL_NAME = "full_name";
    public static final String MAIL = "mail";
    public static final String MOBILE = "mobile";
    public static final String UNIT = "unit";
    public static final String TITLE = "title";
    public static final String GROUPS = "groups";
    public static final String STATUS = "status";
    /** Human name of the last unit of the row's {@code unit} path. */
    public static final String UNIT_NAME = "unit_name";

    public static final List<String> REQUIRED = List.of(UID, FULL_NAME, MAIL, MOBILE, UNIT, TITLE, GROUPS);
    public static final List<String> OPTIONAL = List.of(STATUS, UNIT_NAME);

    private Columns() {
    }

    /** Header cells as people type them: "Full Name", " MAIL ", "full-name" all mean full_name. */
    public static String normalise(String header) {
        String h = Normalizer.normalize(header, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        return h.replaceAll("[\\s\\-]+", "_");
    }

    /** The required columns a header lacks, in the documented order. */
    public static List<String> missing(List<String> normalisedHeader) {
        List<String> missing = new ArrayList<>();
        for (String c : REQUIRED) {
            if (!normalisedHeader.contains(c)) {
                missing.add(c);
            }
        }
        return missing;
    }

    /** Columns we do not know: probably a typo, so the report mentions them. */
    public static List<String> unknown(List<String> normalisedHeader) {
        return normalisedHeader.stream()
                .filter(h -> !h.isEmpty() && !REQUIRED.contains(h) && !OPTIONAL.contains(h))
                .toList();
    }
}
