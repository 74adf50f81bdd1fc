package vn.congvu.mail.directive;

/**
 * One urgency level ("độ khẩn") of the rules.
 *
 * @param name   its name in the rules file (hoa-toc)
 * @param tag    its subject tag as an operator writes it (HỎA TỐC)
 * @param label  how the SMS writes it (HOA TOC)
 * @param urgent alerted at any hour; otherwise held during the quiet window
 */
public record UrgencyLevel(String name, String tag, String label, boolean urgent) {

    /** Whether a subject tag or header value names this level, ignoring diacritics, case and spacing. */
    boolean isNamedBy(String text) {
        String t = TagText.normalise(text);
        return t.equals(TagText.normalise(tag)) || t.equals(TagText.normalise(name));
    }
}
