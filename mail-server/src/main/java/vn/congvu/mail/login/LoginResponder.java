package vn.congvu.mail.login;

import java.util.Optional;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;

import vn.congvu.mail.users.SignInOutcomes;

/**
 * The refusals of LOGIN/AUTHENTICATE that are not a wrong password, told apart from James 3.8.1's answers:
 * <ul>
 * <li>the "generic failure" NO it answers when the accounts could not be checked (the directory is unreachable,
 * the store is down) becomes RFC 5530's {@code NO [UNAVAILABLE]}, so clients retry instead of asking the official
 * for a new password;</li>
 * <li>the "invalid login" NO of a right password that must first be changed on the console becomes
 * {@code NO [ALERT] <sentence>} (RFC 3501: the client shows an ALERT's text to the user), the sign-in policy's
 * sentence without diacritics naming the console's address, read from {@link SignInOutcomes} on the thread that
 * checked the password.</li>
 * </ul>
 * Wrong passwords, locked and disabled accounts keep James' own NO and pass through untouched.
 */
final class LoginResponder implements Responder {
    /*
     * 3.8.1's ResponseCode has no public way to build UNAVAILABLE (createExtension forces an "X" prefix),
     * so the code is written at the head of the text; with no command name the encoder writes
     * "tag NO [UNAVAILABLE] ..." exactly as a response code.
     */
    static final HumanReadableText UNAVAILABLE = new HumanReadableText("vn.congvu.imap.login.unavailable",
        "[UNAVAILABLE] Accounts cannot be checked right now, try again later");

    private final Responder responder;
    private final StatusResponseFactory factory;
    private final SignInOutcomes outcomes;

    LoginResponder(Responder responder, StatusResponseFactory factory, SignInOutcomes outcomes) {
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
            if (HumanReadableText.GENERIC_FAILURE_DURING_PROCESSING.equals(status.getTextKey())) {
                responder.respond(factory.taggedNo(status.getTag(), null, UNAVAILABLE));
                return;
            }
            Optional<String> newPassword = outcomes.newPasswordRequired();
            if (newPassword.isPresent()) {
                // No command name: the encoder writes "tag NO [ALERT] <sentence>".
                responder.respond(factory.taggedNo(status.getTag(), null,
                    new HumanReadableText("vn.congvu.imap.login.new-password", newPassword.get()),
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
