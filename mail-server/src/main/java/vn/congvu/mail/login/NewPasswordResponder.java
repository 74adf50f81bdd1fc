package vn.congvu.mail.login;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

import vn.congvu.mail.users.SignInOutcomes;

/**
 * Answers a LOGIN/AUTHENTICATE whose right password must first be changed on the console with
 * {@code tag NO [ALERT] <sentence>} (RFC 3501: the client shows an ALERT's text to the user), the sentence of the
 * sign-in policy without diacritics, naming the console's address. James refuses such a login with its usual
 * "invalid login" NO (the repository said no); the decision it was refused for is read from {@link SignInOutcomes}
 * on the thread that checked it. Every other answer passes through untouched, so a wrong password, a locked or a
 * disabled account get the usual NO.
 */
final class NewPasswordResponder implements Responder {
    private final Responder responder;
    private final StatusResponseFactory factory;
    private final SignInOutcomes outcomes;

    NewPasswordResponder(Responder responder, StatusResponseFactory factory, SignInOutcomes outcomes) {
        this.responder = responder;
        this.factory = factory;
        this.outcomes = outcomes;
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof StatusResponse status
                && status.getServerResponseType() == StatusResponse.Type.NO
                && status.getTag() != null
                && status.getResponseCode() == null) {
            var sentence = outcomes.newPasswordRequired();
            if (sentence.isPresent()) {
                // No command name: the encoder writes "tag NO [ALERT] <sentence>".
                responder.respond(factory.taggedNo(status.getTag(), null,
                    new HumanReadableText("vn.congvu.imap.login.new-password", sentence.get()),
                    StatusResponse.ResponseCode.alert()));
                return;
            }
        }
        responder.respond(message);
    }

    @Override
    public void flush() {
        responder.flush();
    }
}
