package vn.congvu.mail.imap.parse;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.james.imap.api.ImapCommand;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapCommandParser;
import org.apache.james.imap.decode.ImapCommandParserFactory;
import org.apache.james.imap.decode.ImapRequestLineReader;
import org.apache.james.imap.message.request.LsubRequest;

import vn.congvu.mail.imap.names.ModifiedUtf7Names;

/**
 * James' command parsers, answering what they throw on instead of letting it drop the connection (James'
 * decoder turns only its own DecodingException into an answer). A mailbox name that is not modified UTF-7
 * (James' decoding throws an {@link Error}): no mailbox can have such a name, so CREATE and RENAME get
 * {@code NO [CANNOT]}, LSUB and LIST an empty listing (as Dovecot answers), every other command
 * {@code NO [NONEXISTENT]}. An argument James' model refuses (IllegalArgumentException, such as a user name
 * over 255 characters in LOGIN): {@code BAD}. The rest of the command's line is skipped by James' decoder as
 * after any refused command.
 */
public final class ParseFailures implements ImapCommandParserFactory {
    /*
     * 3.8.1's ResponseCode has no public way to build CANNOT or NONEXISTENT (createExtension forces an "X"
     * prefix), so the code is written at the head of the text; with no command name the encoder writes
     * "tag NO [CANNOT] ..." exactly as a response code.
     */
    private static final HumanReadableText CANNOT = new HumanReadableText("vn.congvu.imap.name.cannot",
        "[CANNOT] Invalid mailbox name: not modified UTF-7 (write '&' as \"&-\")");
    private static final HumanReadableText NONEXISTENT = new HumanReadableText("vn.congvu.imap.name.nonexistent",
        "[NONEXISTENT] No such mailbox: the name is not modified UTF-7 (write '&' as \"&-\")");
    private static final Set<String> NAMING = Set.of(ImapConstants.CREATE_COMMAND.getName(), ImapConstants.RENAME_COMMAND.getName());
    private static final Map<String, ImapCommand> LISTING = Map.of(
        ImapConstants.LIST_COMMAND.getName(), ImapConstants.LIST_COMMAND,
        ImapConstants.LSUB_COMMAND.getName(), ImapConstants.LSUB_COMMAND,
        ImapConstants.XLIST_COMMAND.getName(), ImapConstants.XLIST_COMMAND);

    private final ImapCommandParserFactory parsers;
    private final StatusResponseFactory responses;

    public ParseFailures(ImapCommandParserFactory parsers, StatusResponseFactory responses) {
        this.parsers = parsers;
        this.responses = responses;
    }

    @Override
    public ImapCommandParser getParser(String commandName) {
        ImapCommandParser parser = parsers.getParser(commandName);
        if (parser == null) {
            return null;
        }
        String command = commandName.toUpperCase(Locale.ROOT);
        return (request, tag, session) -> parse(parser, command, request, tag, session);
    }

    private ImapMessage parse(ImapCommandParser parser, String command, ImapRequestLineReader request, Tag tag,
                              ImapSession session) {
        try {
            ImapMessage message = parser.parse(request, tag, session);
            // LSUB decodes its names only when it runs, so they are checked here.
            if (message instanceof LsubRequest lsub
                    && !(ModifiedUtf7Names.valid(lsub.getBaseReferenceName()) && ModifiedUtf7Names.valid(lsub.getMailboxPattern()))) {
                return responses.taggedOk(tag, lsub.getCommand(), HumanReadableText.COMPLETED);
            }
            return message;
        } catch (IllegalArgumentException refused) {
            return responses.taggedBad(tag, null, new HumanReadableText("vn.congvu.imap.argument.refused",
                "Invalid argument: " + refused.getMessage()));
        } catch (Error decoding) {
            if (!ModifiedUtf7Names.invalidName(decoding)) {
                throw decoding;
            }
            if (LISTING.containsKey(command)) {
                return responses.taggedOk(tag, LISTING.get(command), HumanReadableText.COMPLETED);
            }
            return responses.taggedNo(tag, null, NAMING.contains(command) ? CANNOT : NONEXISTENT);
        }
    }
}
