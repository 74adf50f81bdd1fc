package vn.congvu.mail.imap.search;

import java.io.IOException;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

/**
 * Text indexed as the three characters starting at each position of its loose form ({@link Folding}), with
 * positions. A phrase of the query's trigrams at their offsets matches exactly the texts whose loose form contains
 * the query's, so the index answers a loose substring key itself. One form only: a second, exact one doubled the
 * indexing work of every arriving message for the rarer queries typed with marks. Each value ends with two END
 * characters, so one or two characters are a prefix of some trigram, and no phrase spans two values.
 */
final class Trigrams {
    private static final char END = '\uFFFF';

    private Trigrams() {
    }

    static Analyzer analyzer() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                return new TokenStreamComponents(new GramTokenizer());
            }
        };
    }

    /** Texts of {@code field} whose loose form contains {@code form}; an empty query is left to the caller. */
    static Query containing(String field, String form) {
        if (form.isEmpty()) {
            return new MatchNoDocsQuery("empty substring");
        }
        if (form.length() < 3) {
            return new PrefixQuery(new Term(field, form));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        int at = 0;
        for (; at + 3 <= form.length(); at += 3) {
            phrase.add(new Term(field, form.substring(at, at + 3)), at);
        }
        if (at != form.length()) {
            int last = form.length() - 3;
            phrase.add(new Term(field, form.substring(last)), last);
        }
        return phrase.build();
    }

    private static final class GramTokenizer extends Tokenizer {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
        private String padded;
        private int grams;
        private int next;

        @Override
        public void reset() throws IOException {
            super.reset();
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int read; (read = input.read(buffer)) > 0; ) {
                text.append(buffer, 0, read);
            }
            String form = Folding.loose(text.toString());
            grams = form.length();
            padded = form + END + END;
            next = 0;
        }

        @Override
        public boolean incrementToken() {
            if (next >= grams) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(padded, next, next + 3);
            increment.setPositionIncrement(1);
            next++;
            return true;
        }

        @Override
        public void close() throws IOException {
            super.close();
            padded = null;
        }
    }
}
