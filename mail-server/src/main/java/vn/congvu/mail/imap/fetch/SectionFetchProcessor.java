package vn.congvu.mail.imap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/**
 * James' FETCH with two answers of its own: numbered sections ({@code BODY[2.1]}, {@code BODY[2.HEADER]} ...) cut
 * from the stored message by {@link MessageSections}, where James' part reader descends into the wrong entity
 * below a message/rfc822 part; and ENVELOPE names written as comments ({@link CommentNamedEnvelope}). James is
 * asked for what these need instead (the whole message, the header, both under names no client uses) in the
 * same read, and its answers are rewritten before they are written.
 */
public class SectionFetchProcessor extends FetchProcessor {
    private static final BodyFetchElement WHOLE = new BodyFetchElement("CONGVU-WHOLE[]", SectionType.CONTENT, null, null, null, null);
    private static final BodyFetchElement HEADER = new BodyFetchElement("CONGVU-HEADER[]", SectionType.HEADER, null, null, null, null);
    private static final HumanReadableText INVALID_SECTION = new HumanReadableText("vn.congvu.imap.fetch.section",
        "Invalid section: MIME needs a part number");

    @Inject
    public SectionFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory) {
        super(mailboxManager, factory, metricFactory);
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest request, ImapSession session, Responder responder) {
        FetchData asked = request.getFetch();
        if (asked.getBodyElements().stream().anyMatch(element -> element.getSectionType() == SectionType.MIME && !numbered(element))) {
            // BODY[MIME] names no part: only a numbered part has a MIME header (RFC 3501 6.4.5).
            taggedBad(request, responder, INVALID_SECTION);
            return Mono.empty();
        }
        boolean sections = asked.getBodyElements().stream().anyMatch(SectionFetchProcessor::numbered);
        boolean envelope = asked.contains(FetchData.Item.ENVELOPE);
        if (!sections && !envelope) {
            return super.processRequestReactive(request, session, responder);
        }
        FetchRequest instead = new FetchRequest(request.isUseUids(), request.getIdSet(), instead(asked, sections, envelope), request.getTag());
        return super.processRequestReactive(instead, session, new Rewriting(responder, asked.getBodyElements()));
    }

    private static boolean numbered(BodyFetchElement element) {
        return element.getPath() != null && element.getPath().length > 0;
    }

    /** The same items, with the numbered sections replaced by the whole message and the header added for ENVELOPE. */
    private static FetchData instead(FetchData asked, boolean sections, boolean envelope) {
        FetchData.Builder builder = FetchData.builder().vanished(asked.getVanished());
        for (FetchData.Item item : FetchData.Item.values()) {
            if (asked.contains(item)) {
                builder.fetch(item);
            }
        }
        if (asked.getChangedSince() != -1) {
            builder.changedSince(asked.getChangedSince());
        }
        // \Seen is set as the client asked: every element is added as a peek, or none is.
        boolean peek = !asked.isSetSeen();
        asked.getBodyElements().stream().filter(element -> !numbered(element)).forEach(element -> builder.add(element, peek));
        if (sections) {
            builder.add(WHOLE, peek);
        }
        if (envelope) {
            builder.add(HEADER, peek);
        }
        return builder.build();
    }

    /** Rewrites James' FETCH responses for the client's request; every other response passes unchanged. */
    private static final class Rewriting implements Responder {
        private final Responder responder;
        private final List<BodyFetchElement> asked;

        Rewriting(Responder responder, Collection<BodyFetchElement> asked) {
            this.responder = responder;
            this.asked = List.copyOf(asked);
        }

        @Override
        public void respond(ImapResponseMessage message) {
            responder.respond(message instanceof FetchResponse fetched ? rewritten(fetched) : message);
        }

        @Override
        public void flush() {
            responder.flush();
        }

        private FetchResponse rewritten(FetchResponse fetched) {
            Map<String, FetchResponse.BodyElement> answered = fetched.getElements() == null ? Map.of()
                : fetched.getElements().stream().collect(Collectors.toMap(FetchResponse.BodyElement::getName, Function.identity(), (a, b) -> a));
            Optional<MessageSections> message = Optional.ofNullable(answered.get(WHOLE.getResponseName()))
                .map(whole -> new MessageSections(octets(whole)));
            List<FetchResponse.BodyElement> elements = new ArrayList<>();
            for (BodyFetchElement element : asked) {
                if (numbered(element)) {
                    message.map(sections -> section(sections, element)).ifPresent(elements::add);
                } else {
                    Optional.ofNullable(answered.get(answerName(element))).ifPresent(elements::add);
                }
            }
            FetchResponse.Envelope envelope = Optional.ofNullable(answered.get(HEADER.getResponseName()))
                .filter(header -> fetched.getEnvelope() != null)
                .map(header -> CommentNamedEnvelope.of(fetched.getEnvelope(), octets(header)))
                .orElse(fetched.getEnvelope());
            return new FetchResponse(fetched.getMessageNumber(), fetched.getFlags(), fetched.getUid(), fetched.getSaveDate(),
                fetched.getModSeq(), fetched.getInternalDate(), fetched.getSize(), envelope, fetched.getBody(),
                fetched.getBodyStructure(), elements.isEmpty() && fetched.getElements() == null ? null : elements,
                fetched.getEmailId(), fetched.getThreadId());
        }

        private static FetchResponse.BodyElement section(MessageSections message, BodyFetchElement element) {
            byte[] octets = message.section(element.getPath(), element.getSectionType(), element.getFieldNames());
            return new SectionElement(answerName(element), partial(octets, element.getFirstOctet(), element.getNumberOfOctets()));
        }

        /** The name an element is answered by: a partial fetch's name tells where its octets start. */
        private static String answerName(BodyFetchElement element) {
            return element.getFirstOctet() == null ? element.getResponseName() : element.getResponseName() + "<" + element.getFirstOctet() + ">";
        }

        /** {@code <first.count>}: the octets from the first on, at most count of them; none past the end. */
        private static byte[] partial(byte[] octets, Long first, Long count) {
            if (first == null) {
                return octets;
            }
            int from = (int) Math.min(octets.length, first);
            int to = count == null ? octets.length : (int) Math.min(octets.length, from + count);
            return Arrays.copyOfRange(octets, from, to);
        }

        private static byte[] octets(FetchResponse.BodyElement element) {
            try (InputStream in = element.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
