package vn.congvu.gateway.smpp;

import java.time.Duration;

/** SMPP relative time format "YYMMDDhhmmss000R". */
final class ValidityPeriod {

    private ValidityPeriod() {
    }

    static String relative(Duration validity) {
        long seconds = Math.max(60, validity.toSeconds());
        long days = Math.min(99L * 365, seconds / 86_400);
        long years = days / 365;
        days -= years * 365;
        long months = days / 30;
        days -= months * 30;
        long rest = seconds % 86_400;
        return String.format("%02d%02d%02d%02d%02d%02d000R",
                years, months, days, rest / 3600, (rest % 3600) / 60, rest % 60);
    }
}
