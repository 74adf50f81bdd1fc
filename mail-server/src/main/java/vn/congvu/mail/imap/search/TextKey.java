package vn.congvu.mail.imap.search;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.Criterion;

/** A SEARCH key the text index answers: a header field's value, the body, or the whole text, containing a string. */
record TextKey(Area area, String headerName, String value) {

    enum Area { HEADER, BODY, TEXT }

    static Optional<TextKey> of(Criterion criterion) {
        if (criterion instanceof SearchQuery.SubjectCriterion subject) {
            return Optional.of(header("subject", subject.getSubject()));
        }
        if (criterion instanceof SearchQuery.HeaderCriterion header) {
            SearchQuery.HeaderOperator operator = header.getOperator();
            if (operator instanceof SearchQuery.ContainsOperator contains) {
                return Optional.of(header(header.getHeaderName(), contains.getValue()));
            }
            if (operator instanceof SearchQuery.AddressOperator address) {
                return Optional.of(header(header.getHeaderName(), address.getAddress()));
            }
            if (operator instanceof SearchQuery.ExistsOperator) {
                return Optional.of(header(header.getHeaderName(), ""));
            }
            return Optional.empty();
        }
        if (criterion instanceof SearchQuery.TextCriterion text) {
            switch (text.getType()) {
                case BODY:
                    return Optional.of(new TextKey(Area.BODY, "", text.getOperator().getValue()));
                case FULL:
                    return Optional.of(new TextKey(Area.TEXT, "", text.getOperator().getValue()));
                default:
                    return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static TextKey header(String name, String value) {
        return new TextKey(Area.HEADER, name.toLowerCase(Locale.ROOT), value == null ? "" : value);
    }
}
