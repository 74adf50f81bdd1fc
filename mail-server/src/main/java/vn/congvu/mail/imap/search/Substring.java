package vn.congvu.mail.imap.search;

/**
 * What one SEARCH key looks for: a substring of a field, in the exact form when the query has marks, else in the
 * loose form ({@link Folding}). The index holds only the loose form: it answers a loose key itself and narrows an
 * exact one, whose candidates are then checked with {@link #foundIn}.
 */
record Substring(String form, boolean loose) {

    static Substring of(String query) {
        boolean loose = !Folding.hasMarks(query);
        return new Substring(loose ? Folding.loose(query) : Folding.exact(query), loose);
    }

    /** The reference match, used on stored header values and in tests. */
    boolean foundIn(String text) {
        return (loose ? Folding.loose(text) : Folding.exact(text)).contains(form);
    }

    /** The form the index is asked for: the loose form of the query, which every exact match also contains. */
    String looseForm() {
        return loose ? form : Folding.loose(form);
    }

    /** The reference match on a text already in the exact form. */
    boolean foundInExact(String exactText) {
        return (loose ? Folding.loose(exactText) : exactText).contains(form);
    }
}
