package vn.congvu.mail.imap.limits;

import java.util.function.BooleanSupplier;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.DecodingException;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.ImapRequestLineReader;

/**
 * James' command decoder, dropping the rest of a command's line when the command had a literal and its parsing
 * ended in an answer (BAD, NO) instead of a request. James skips the rest of a refused command's line only when
 * it had no literal, so after one the rest ({@code " password"} after a refused user name) was read as the next
 * command, and before login answered with BYE.
 */
final class RestOfCommandLine implements ImapDecoder {
    private final ImapDecoder decoder;
    private final BooleanSupplier afterLiteral;

    /** {@code afterLiteral}: whether the command being decoded had a literal (James then leaves its line alone). */
    RestOfCommandLine(ImapDecoder decoder, BooleanSupplier afterLiteral) {
        this.decoder = decoder;
        this.afterLiteral = afterLiteral;
    }

    @Override
    public ImapMessage decode(ImapRequestLineReader request, ImapSession session) {
        ImapMessage message = decoder.decode(request, session);
        if (message instanceof StatusResponse && afterLiteral.getAsBoolean()) {
            try {
                request.consumeLine();
            } catch (DecodingException unreadable) {
                // nothing left to drop
            }
        }
        return message;
    }
}
