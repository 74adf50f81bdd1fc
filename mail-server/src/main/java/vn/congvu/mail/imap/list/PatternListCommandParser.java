package vn.congvu.mail.imap.list;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.parser.ListCommandParser;

/**
 * James' LIST parser, also reading RFC 5258's list of patterns, {@code LIST "" ("INBOX" "Sent*")}, which it
 * answered "BAD ... Illegal arguments". James' request holds one pattern, so the patterns travel in it
 * joined by NUL, an octet no pattern can hold; {@link PatternListProcessor} lists them one by one.
 */
public class PatternListCommandParser extends ListCommandParser {
    static final char SEPARATOR = '\0';
    /** RFC 5258's list-char, as James reads a pattern written as an atom; the list's ')' ends the last one. */
    private static final ImapRequestLineReader.CharacterValidator LIST_CHAR = chr ->
        ImapRequestLineReader.isListWildcard(chr) || ImapRequestLineReader.AtomCharValidator.INSTANCE.isValid(chr);

    @Inject
    public PatternListCommandParser(StatusResponseFactory statusResponseFactory) {
        super(statusResponseFactory);
    }

    @Override
    public String listMailbox(ImapRequestLineReader request) throws DecodingException {
        if (request.nextWordChar() != '(') {
            return super.listMailbox(request);
        }
        request.consumeChar('(');
        List<String> patterns = new ArrayList<>();
        for (char next = request.nextWordChar(); next != ')'; next = request.nextWordChar()) {
            patterns.add(next == '"' || next == '{' ? super.listMailbox(request) : request.consumeWord(LIST_CHAR, true));
        }
        request.consumeChar(')');
        if (patterns.isEmpty()) {
            throw new DecodingException(HumanReadableText.ILLEGAL_ARGUMENTS, "A list of patterns holds at least one");
        }
        return String.join(String.valueOf(SEPARATOR), patterns);
    }
}
