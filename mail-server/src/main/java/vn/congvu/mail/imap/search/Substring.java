package vn.congvu.mail.imap.search;

/**
 * What one SEARCH key looks for: a substring of a field, in the exact form when the query has marks, else in the
 * loose form ({@link Folding}).
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

    /** The suffix of the index field holding this form of a text. */
    String fieldSuffix() {
        return loose ? Trigrams.LOOSE_SUFFIX : Trigrams.EXACT_SUFFIX;
    }
}
