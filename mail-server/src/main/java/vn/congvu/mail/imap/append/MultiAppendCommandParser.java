package vn.congvu.mail.imap.append;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.decode.base.AbstractImapCommandParser;
import org.apache.james.imap.message.Literal;
import org.apache.james.imap.message.request.AppendRequest;

import vn.congvu.mail.imap.limits.HeldLiteral;
import vn.congvu.mail.imap.limits.LiteralMemory;

/**
 * APPEND with one message or several (MULTIAPPEND, RFC 3502): {@code APPEND box [flags] [date] literal
 * *(SP [flags] [date] literal)}. One message gives James' own request, answered by James' processor as before;
 * several give a {@link MultiAppendRequest}.
 */
public final class MultiAppendCommandParser extends AbstractImapCommandParser {
    private final Clock clock;

    @Inject
    public MultiAppendCommandParser(StatusResponseFactory statusResponseFactory, Clock clock) {
        super(ImapConstants.APPEND_COMMAND, statusResponseFactory);
        this.clock = clock;
    }

    @Override
    protected ImapMessage decode(ImapRequestLineReader request, Tag tag, ImapSession session) throws DecodingException {
        String mailboxName = request.mailbox();
        List<AppendRequest> messages = new ArrayList<>();
        do {
            Flags flags = request.nextWordChar() == '(' ? request.flagList() : new Flags();
            LocalDateTime date = request.nextWordChar() == '"' ? request.dateTime() : LocalDateTime.now(clock);
            request.nextWordChar();
            Literal literal;
            try {
                // without the line's end: another message may follow the literal
                literal = request.consumeLiteral(false).right;
            } catch (IOException e) {
                throw new DecodingException(HumanReadableText.SOCKET_IO_FAILURE, "Error copying content", e);
            }
            messages.add(new AppendRequest(mailboxName, flags, Date.from(date.atZone(ZoneId.systemDefault()).toInstant()),
                literal, tag));
        } while (request.nextWordCharLenient().isPresent());
        request.eol();
        // the share of the heap the literals hold, given back when James closes the request after running it
        LiteralMemory.Reservation held = LiteralMemory.take(session);
        if (messages.size() > 1) {
            return new MultiAppendRequest(tag, mailboxName, messages, held);
        }
        AppendRequest message = messages.get(0);
        return held == null ? message : new AppendRequest(mailboxName, message.getFlags(), message.getDatetime(),
            new HeldLiteral(message.getMessage(), held), tag);
    }
}
