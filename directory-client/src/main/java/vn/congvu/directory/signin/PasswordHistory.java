package vn.congvu.directory.signin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import vn.congvu.directory.password.SaltedSha;

/**
 * The last passwords of an official, as {@code congvuPasswordHistory} values: {@code <UTC time> <{SSHA} hash>}, the
 * time first so that the newest can be kept without relying on the (unordered) order of LDAP values.
 */
public final class PasswordHistory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Newest first. */
    private final List<String> values;

    private PasswordHistory(List<String> newestFirst) {
        this.values = List.copyOf(newestFirst);
    }

    public static PasswordHistory of(Collection<String> ldapValues) {
        List<String> sorted = new ArrayList<>(ldapValues);
        sorted.sort(Comparator.reverseOrder());
        return new PasswordHistory(sorted);
    }

    public static PasswordHistory empty() {
        return new PasswordHistory(List.of());
    }

    /** Whether the password is one of the kept ones. */
    public boolean contains(String password) {
        for (String v : values) {
            int space = v.indexOf(' ');
            if (SaltedSha.verify(password, space < 0 ? v : v.substring(space + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The history after the password was set at {@code when}: its {SSHA} hash first, at most {@code keep} kept. */
    public PasswordHistory with(String password, Instant when, int keep) {
        List<String> next = new ArrayList<>(values.size() + 1);
        next.add(TIME.format(when) + " " + SaltedSha.SSHA.hash(password));
        next.addAll(values);
        return new PasswordHistory(next.subList(0, Math.min(keep, next.size())));
    }

    /** The attribute's values, newest first. */
    public List<String> ldapValues() {
        return values;
    }
}
