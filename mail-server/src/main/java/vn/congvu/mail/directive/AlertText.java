package vn.congvu.mail.directive;

import java.util.Optional;

import vn.congvu.directory.text.Gsm7Alphabet;
import vn.congvu.directory.text.GsmTransliteration;

/**
 * The SMS of a directive: the rules' template filled with urgency, issuing unit and subject, written as the
 * gateway's GSM-7 encoder will send it (no diacritics, typographic punctuation made plain), the subject cut
 * with "..." so the whole text fits in {@code sms.max-length} septets (one SMS by default).
 */
final class AlertText {
    private static final String CUT = "...";

    private AlertText() {
    }

    static String compose(DirectiveRules rules, Optional<UrgencyLevel> level, String unit, String subject) {
        String plainUnit = plain(unit);
        String plainSubject = plain(subject);
        String withoutSubject = fill(rules, level, plainUnit, "");
        int room = rules.maxLength() - septets(withoutSubject);
        String text = fill(rules, level, plainUnit, cut(plainSubject, room));
        // A unit name so long that nothing fits: the SMS is still one part, cut at the end.
        return septets(text) <= rules.maxLength() ? text : cut(text, rules.maxLength());
    }

    private static String fill(DirectiveRules rules, Optional<UrgencyLevel> level, String unit, String subject) {
        String filled = rules.template()
            .replace("{urgency}", level.map(UrgencyLevel::label).orElse(""))
            .replace("{unit}", unit);
        // {subject} last: a subject containing "{unit}" stays as written.
        return plain(filled).replaceAll(" {2,}", " ").replace("{subject}", subject);
    }

    private static String plain(String text) {
        return GsmTransliteration.transliterate(text.replaceAll("\\s+", " ").strip()).text();
    }

    private static int septets(String gsmText) {
        return Gsm7Alphabet.length(gsmText);
    }

    /** At most {@code room} septets: whole words when that loses little, then "...". */
    static String cut(String text, int room) {
        if (septets(text) <= room) {
            return text;
        }
        if (room <= CUT.length()) {
            return CUT.substring(0, Math.max(0, room));
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int s = septets(String.valueOf(text.charAt(i)));
            if (used + s + CUT.length() > room) {
                break;
            }
            kept.append(text.charAt(i));
            used += s;
        }
        int space = kept.lastIndexOf(" ");
        if (space > 0 && kept.length() - space < 15) {
            kept.setLength(space);
        }
        return kept.toString().stripTrailing() + CUT;
    }
}
