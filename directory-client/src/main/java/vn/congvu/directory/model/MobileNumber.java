package vn.congvu.directory.model;

import java.util.Optional;
import java.util.Set;

/**
 * Vietnamese mobile numbers, stored as {@code 84} + 9 digits.
 *
 * <p>Accepts what people type in personnel lists: {@code 0912 345 678}, {@code +84.912.345.678},
 * {@code 84912345678}, and the 9-digit form Excel leaves when it drops the leading zero.
 */
public final class MobileNumber {

    /** Mobile prefixes after the country code, as allocated since the 2018 renumbering. */
    private static final Set<String> MOBILE_PREFIXES = Set.of(
            "32", "33", "34", "35", "36", "37", "38", "39",      // Viettel
            "52", "55", "56", "58", "59",                        // Vietnamobile, Reddi, Gmobile
            "70", "76", "77", "78", "79",                        // MobiFone
            "81", "82", "83", "84", "85", "86", "87", "88", "89", // VinaPhone, Viettel, Itel, MobiFone
            "90", "91", "92", "93", "94", "96", "97", "98", "99");

    private MobileNumber() {
    }

    /** The normalised number, or a reason it is not a Vietnamese mobile number. */
    public static Result parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Result.invalid("empty mobile number");
        }
        String s = raw.strip().replaceAll("[\\s.\\-()\\u00a0]", "");
        if (s.startsWith("+")) {
            s = s.substring(1);
        } else if (s.startsWith("0084")) {
            s = s.substring(2);
        }
        if (!s.chars().allMatch(Character::isDigit)) {
            return Result.invalid("mobile '" + raw.strip() + "' has characters other than digits, spaces, dots and a leading +");
        }
        String national;
        if (s.startsWith("84") && s.length() == 11) {
            national = s.substring(2);
        } else if (s.startsWith("0") && s.length() == 10) {
            national = s.substring(1);
        } else if (s.length() == 9 && !s.startsWith("0")) {
            national = s;
        } else {
            return Result.invalid("mobile '" + raw.strip() + "' must have 10 digits (0xxxxxxxxx) or 84 + 9 digits");
        }
        if (!MOBILE_PREFIXES.contains(national.substring(0, 2))) {
            return Result.invalid("'" + raw.strip() + "' is not a Vietnamese mobile number (prefix 0"
                    + national.substring(0, 2) + " is not a mobile network)");
        }
        return new Result("84" + national, null);
    }

    /** The national form 0xxxxxxxxx of a normalised number, for display. */
    public static String national(String normalised) {
        return normalised.startsWith("84") ? "0" + normalised.substring(2) : normalised;
    }

    public record Result(String normalised, String error) {
        static Result invalid(String error) {
            return new Result(null, error);
        }

        public boolean valid() {
            return normalised != null;
        }

        public Optional<String> value() {
            return Optional.ofNullable(normalised);
        }
    }
}
