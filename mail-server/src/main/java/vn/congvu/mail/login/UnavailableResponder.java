package vn.congvu.mail.login;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

/**
 * Turns the "generic failure" NO that James 3.8.1 answers to a LOGIN/AUTHENTICATE whose accounts could
 * not be checked (the directory is unreachable, the store is down) into RFC 5530's
 * {@code NO [UNAVAILABLE]}, so clients retry instead of asking the official for a new password.
 * Wrong passwords keep their own NO (another text key) and pass through untouched.
 */
final class UnavailableResponder implements Responder {
    /*
     * 3.8.1's ResponseCode has no public way to build UNAVAILABLE (createExtension forces an "X" prefix),
     * so the code is written at the head of the text; with no command name the encoder writes
     * "tag NO [UNAVAILABLE] ..." exactly as a response code.
     */
    static final HumanReadableText UNAVAILABLE = new HumanReadableText("vn.congvu.imap.login.unavailable",
        "[UNAVAILABLE] Accounts cannot be checked right now, try again later");

    private final Responder responder;
    private final StatusResponseFactory factory;

    UnavailableResponder(Responder responder, StatusResponseFactory factory) {
        this.responder = responder;
        this.factory = factory;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof StatusResponse status
                && status.getServerResponseType() == StatusResponse.Type.NO
                && status.getTag() != null
                && status.getResponseCode() == null
                && HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING.equals(status.getTextKey())) {
            responder.respond(factory.taggedNo(status.getTag(), null, UNAVAILABLE));
            return;
        }
        responder.respond(message);
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
