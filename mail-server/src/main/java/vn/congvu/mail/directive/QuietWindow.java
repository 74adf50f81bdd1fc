package vn.congvu.mail.directive;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours when alerts that are not urgent wait (e.g. 21:00–06:30 local time); {@code from} after {@code until}
 * means the window spans midnight.
 */
public record QuietWindow(LocalTime from, LocalTime until, ZoneId zone) {

    public static final QuietWindow NONE = new QuietWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("UTC"));

    /** When an alert raised at {@code now} may go out: now, or the end of the window it falls in. */
    public Instant releaseTime(Instant now) {
        if (from.equals(until)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean spansMidnight = from.isAfter(until);
        boolean inside = spansMidnight
            ? !time.isBefore(from) || time.isBefore(until)
            : !time.isBefore(from) && time.isBefore(until);
        if (!inside) {
            return now;
        }
        ZonedDateTime end = local.with(until);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
