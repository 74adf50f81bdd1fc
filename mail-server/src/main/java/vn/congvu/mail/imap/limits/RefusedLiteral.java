package vn.congvu.mail.imap.limits;

import java.util.Optional;

import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.decode.ImapRequestLineReader;

/**
 * A command whose literal was refused before James could announce "+" for it, handed to
 * {@link RefusedLiteralProcessor} in the command's turn, so its answer leaves after those of earlier commands.
 */
public final class RefusedLiteral implements ImapMessage {
    /*
     * 3.8.1's ResponseCode has no public way to build TOOBIG (createExtension forces an "X" prefix), so the
     * code is written at the head of the text; with no command name the encoder writes "tag NO [TOOBIG] ...".
     */
    private static final String TOO_BIG = "[TOOBIG] ";

    private final Optional<Tag> tag;
    private final boolean bad;
    private final HumanReadableText text;
    private final boolean closes;

    private RefusedLiteral(Optional<Tag> tag, boolean bad, HumanReadableText text, boolean closes) {
        this.tag = tag;
        this.bad = bad;
        this.text = text;
        this.closes = closes;
    }

    /**
     * The answer to the command {@code tag name} whose literal is refused under {@code limit}: APPEND's message
     * gets RFC 7889's {@code NO [TOOBIG]}, any other literal {@code BAD [TOOBIG]} (as RFC 7888 answers a
     * LITERAL- literal over its limit). {@code closes}: the client is sending the octets anyway and the session
     * ends after the answer.
     */
    static RefusedLiteral of(Optional<String> tag, Optional<String> name, AnnouncedLiteral literal, long limit,
                             boolean beforeLogin, boolean closes) {
        Optional<Tag> answered = tag.filter(RefusedLiteral::validTag).map(Tag::new);
        if (!literal.readable()) {
            return new RefusedLiteral(answered, true,
                new HumanReadableText("vn.congvu.imap.literal.unreadable", "Unreadable literal size"), closes);
        }
        if (!beforeLogin && name.filter("APPEND"::equalsIgnoreCase).isPresent()) {
            return new RefusedLiteral(answered, false, new HumanReadableText("vn.congvu.imap.literal.message",
                TOO_BIG + "Message too large: at most " + limit + " octets"), closes);
        }
        String when = beforeLogin ? " before login" : "";
        return new RefusedLiteral(answered, true, new HumanReadableText("vn.congvu.imap.literal.large",
            TOO_BIG + "Literal too large: at most " + limit + " octets" + when), closes);
    }

    private static boolean validTag(String tag) {
        return tag.chars().allMatch(c -> ImapRequestLineReader.TagCharValidator.INSTANCE.isValid((char) c));
    }

    Optional<Tag> tag() {
        return tag;
    }

    boolean bad() {
        return bad;
    }

    HumanReadableText text() {
        return text;
    }

    boolean closes() {
        return closes;
    }

    @Override
    public String toString() {
        return "RefusedLiteral[" + tag.map(Tag::asString).orElse("*") + " " + text.getDefaultValue() + "]";
    }
}
