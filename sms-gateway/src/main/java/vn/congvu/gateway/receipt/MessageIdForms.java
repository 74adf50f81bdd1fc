package vn.congvu.gateway.receipt;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * SMSCs often answer submit_sm with an id in one base and write the receipt id in the other (hex vs
 * decimal, with or without leading zeros). Ids are compared through these forms, both ways.
 */
public final class MessageIdForms {

    private static final int MAX_DIGITS = 40;

    private MessageIdForms() {
    }

    /** The canonical spelling of one id: trimmed, lower case, no leading zeros. */
    public static String key(String id) {
        String s = id.strip().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** The id's own key first, then the key of the same number read in the other base. */
    public static Set<String> candidates(String id) {
        String k = key(id);
        Set<String> out = new LinkedHashSet<>();
        out.add(k);
        if (k.isEmpty() || k.length() > MAX_DIGITS) {
            return out;
        }
        if (k.chars().allMatch(c -> c >= '0' && c <= '9')) {
            out.add(new BigInteger(k, 10).toString(16));
        }
        if (k.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            out.add(new BigInteger(k, 16).toString(10));
        }
        return out;
    }
}
