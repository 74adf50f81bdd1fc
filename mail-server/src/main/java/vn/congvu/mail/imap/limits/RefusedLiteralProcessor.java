package vn.congvu.mail.imap.limits;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.util.MDCBuilder;

import reactor.core.publisher.Mono;

/**
 * Answers a {@link RefusedLiteral}: its tagged NO or BAD, and when the client is already sending the refused
 * octets before login, a BYE and the end of the session (James closes the connection once the session has
 * logged out).
 */
public class RefusedLiteralProcessor extends AbstractProcessor<RefusedLiteral> {
    private static final HumanReadableText CLOSING = new HumanReadableText("vn.congvu.imap.literal.closing",
        "Literal too large, closing the connection");

    private final StatusResponseFactory factory;

    @Inject
    public RefusedLiteralProcessor(StatusResponseFactory factory) {
        super(RefusedLiteral.class);
        this.factory = factory;
    }

    @Override
    protected Mono<Void> doProcess(RefusedLiteral refused, Responder responder, ImapSession session) {
        Mono<Void> answer = Mono.fromRunnable(() -> {
            responder.respond(answer(refused));
            if (refused.closes()) {
                responder.respond(factory.bye(CLOSING));
            }
            responder.flush();
        });
        return refused.closes() ? answer.then(session.logout()) : answer;
    }

    private StatusResponse answer(RefusedLiteral refused) {
        return refused.tag()
            .map(tag -> refused.bad() ? factory.taggedBad(tag, null, refused.text()) : factory.taggedNo(tag, null, refused.text()))
            .orElseGet(() -> factory.untaggedBad(refused.text()));
    }

    @Override
    protected MDCBuilder mdc(RefusedLiteral message) {
        return MDCBuilder.create().addToContext(MDCBuilder.ACTION, "REFUSED_LITERAL");
    }
}
