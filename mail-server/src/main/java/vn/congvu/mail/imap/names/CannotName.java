package vn.congvu.mail.imap.names;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor.Responder;
import org.apache.james.mailbox.exception.HasEmptyMailboxNameInHierarchyException;
import org.apache.james.mailbox.exception.MailboxNameException;
import org.apache.james.mailbox.exception.TooLongMailboxNameException;

import reactor.core.publisher.Mono;

/**
 * The answer to a CREATE or RENAME whose new name the store refuses: {@code NO [CANNOT]} and the reason. James
 * 3.8.1 lets these errors through to its generic "NO ... processing failed" (its handler for them is listed
 * twice under the too-long exception's name) and logs each as a server error.
 */
final class CannotName {
    private CannotName() {
    }

    static Mono<Void> answer(ImapRequest request, Responder responder, StatusResponseFactory factory, MailboxNameException refused) {
        if (refused instanceof TooLongMailboxNameException) {
            return Mono.error(refused);
        }
        // The code at the head of the text, as in ParseFailures: 3.8.1 cannot build CANNOT.
        String reason = refused instanceof HasEmptyMailboxNameInHierarchyException
            ? "a hierarchy level is empty (leading or doubled separator)"
            : "'*' and '%' are wildcards, and '#' starts a namespace";
        return Mono.fromRunnable(() -> responder.respond(factory.taggedNo(request.getTag(), null,
            new HumanReadableText("vn.congvu.imap.name.refused", "[CANNOT] Invalid mailbox name: " + reason))));
    }
}
