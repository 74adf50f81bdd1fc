package vn.congvu.mail.imap.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.DateOperator;
import org.apache.james.mailbox.model.SearchQuery.DateResolution;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mime4j.dom.datetime.DateTime;
import org.apache.james.mime4j.field.datetime.parser.DateTimeParser;
import org.apache.james.mime4j.field.datetime.parser.ParseException;
import org.apache.james.mime4j.field.datetime.parser.TokenMgrError;

import vn.congvu.mail.message.HeaderFields;

/**
 * IMAP SEARCH's date keys as RFC 3501 defines them, "disregarding time and timezone": SENTBEFORE, SENTON and
 * SENTSINCE compare the date the Date: field writes, in the sender's own zone; BEFORE, ON and SINCE (and
 * SAVED*) the day of the stored date in the server's time zone, the one place a stored date has a day (it keeps
 * no zone of its own), as Dovecot does. James compares both as days in UTC, and its second-resolution
 * comparisons (OLDER, YOUNGER) write midnight's hour as 24; those are compared as instants here.
 * A message without a readable Date: field matches no SENT* key.
 */
final class DayDates {
    private final ZoneId serverZone;

    DayDates(ZoneId serverZone) {
        this.serverZone = serverZone;
    }

    /** Whether the criterion is a date key evaluated here. */
    static boolean evaluatedHere(SearchQuery.Criterion criterion) {
        return operator(criterion).filter(DayDates::resolutionHandled).isPresent();
    }

    static boolean readsHeader(SearchQuery.Criterion criterion) {
        return criterion instanceof SearchQuery.HeaderCriterion;
    }

    boolean matches(SearchQuery.Criterion criterion, MailboxMessage message) throws IOException {
        DateOperator operator = operator(criterion).orElseThrow();
        if (criterion instanceof SearchQuery.HeaderCriterion) {
            return written(message).map(day -> compare(day, searched(operator), operator)).orElse(false);
        }
        Optional<Date> stored = criterion instanceof SearchQuery.InternalDateCriterion
            ? Optional.of(message.getInternalDate())
            : message.getSaveDate();
        return stored.map(date -> operator.getDateResultion() == DateResolution.Day
                ? compare(date.toInstant().atZone(serverZone).toLocalDate(), searched(operator), operator)
                : compare(date.toInstant().getEpochSecond(), operator.getDate().toInstant().getEpochSecond(), operator))
            .orElse(false);
    }

    private static Optional<DateOperator> operator(SearchQuery.Criterion criterion) {
        if (criterion instanceof SearchQuery.InternalDateCriterion internal) {
            return Optional.of(internal.getOperator());
        }
        if (criterion instanceof SearchQuery.SaveDateCriterion saved) {
            return Optional.of(saved.getOperator());
        }
        if (criterion instanceof SearchQuery.HeaderCriterion header
                && ImapConstants.RFC822_DATE.equalsIgnoreCase(header.getHeaderName())
                && header.getOperator() instanceof DateOperator date
                && date.getDateResultion() == DateResolution.Day) {
            return Optional.of(date);
        }
        return Optional.empty();
    }

    private static boolean resolutionHandled(DateOperator operator) {
        return operator.getDateResultion() == DateResolution.Day || operator.getDateResultion() == DateResolution.Second;
    }

    /** The day a search key names: James hands it as an instant of that day in UTC. */
    private static LocalDate searched(DateOperator operator) {
        return operator.getDate().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static <T extends Comparable<T>> boolean compare(T stored, T searched, DateOperator operator) {
        int order = stored.compareTo(searched);
        switch (operator.getType()) {
            case BEFORE:
                return order < 0;
            case AFTER:
                return order > 0;
            default:
                return order == 0;
        }
    }

    /** The date the message's Date: field writes, as written. */
    private static Optional<LocalDate> written(MailboxMessage message) throws IOException {
        byte[] header;
        try (InputStream in = message.getHeaderContent()) {
            header = in.readAllBytes();
        }
        return HeaderFields.unfoldedValue(header, ImapConstants.RFC822_DATE).flatMap(DayDates::parsed);
    }

    private static Optional<LocalDate> parsed(String value) {
        try {
            DateTime written = new DateTimeParser(new StringReader(value)).parseAll();
            return Optional.of(LocalDate.of(written.getYear(), written.getMonth(), written.getDay()));
        } catch (ParseException | TokenMgrError | DateTimeException unreadable) {
            return Optional.empty();
        }
    }
}
