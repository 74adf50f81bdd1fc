package vn.congvu.directory.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of {@code congvuResetCodesIssued}: when the reset codes of the last hour were issued, as GeneralizedTimes
 * separated by spaces. A rolling hour, so "at most n an hour" holds for any hour, not per clock hour.
 */
record IssueTimes(List<Instant> times) {

    static final Duration WINDOW = Duration.ofHours(1);

    static IssueTimes parse(String value) {
        if (value == null || value.isBlank()) {
            return new IssueTimes(List.of());
        }
        return new IssueTimes(Arrays.stream(value.strip().split(" +")).map(SignInAttributes::instant).toList());
    }

    /** The times within the hour before {@code now}. */
    IssueTimes lastHour(Instant now) {
        return new IssueTimes(times.stream().filter(t -> now.isBefore(t.plus(WINDOW))).toList());
    }

    IssueTimes plus(Instant now) {
        List<Instant> more = new ArrayList<>(times);
        more.add(now);
        return new IssueTimes(more);
    }

    int count() {
        return times.size();
    }

    String value() {
        return String.join(" ", times.stream().map(SignInAttributes::time).toList());
    }
}
