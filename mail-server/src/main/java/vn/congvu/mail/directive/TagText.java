package vn.congvu.mail.directive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.congvu.directory.text.VietnameseDiacritics;

/**
 * Bracketed subject tags ([CHỈ ĐẠO], [HỎA TỐC]) compared the way people type them: with or without
 * diacritics, in any case, with any spacing, '-' or '_' between words.
 */
final class TagText {
    private static final Pattern TAG = Pattern.compile("\\[([^\\[\\]]{1,60})\\]");

    private TagText() {
    }

    static String normalise(String text) {
        return VietnameseDiacritics.strip(text).toUpperCase(Locale.ROOT).replaceAll("[\\s_\\-]+", " ").strip();
    }

    /** The normalised contents of every [..] of the subject, in order. */
    static List<String> tags(String subject) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(subject);
        while (m.find()) {
            tags.add(normalise(m.group(1)));
        }
        return tags;
    }

    /** The subject without the bracketed tags that {@code remove} accepts, spaces tidied. */
    static String without(String subject, java.util.function.Predicate<String> remove) {
        Matcher m = TAG.matcher(subject);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, remove.test(normalise(m.group(1))) ? " " : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString().replaceAll("\\s+", " ").strip().replaceFirst("^[-:–—\\s]+", "");
    }
}
