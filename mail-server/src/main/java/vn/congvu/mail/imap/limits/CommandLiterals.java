package vn.congvu.mail.imap.limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;

/**
 * The literals a command announces, read from the octets buffered for it (its first line at the reader index,
 * then each literal's octets and the line that follows them).
 */
final class CommandLiterals {
    private CommandLiterals() {
    }

    /** A literal the command may not send: the one announced by the line ending at {@code lineFeed}. */
    record Refusal(int lineFeed, AnnouncedLiteral literal) {
    }

    /**
     * The first literal of the command that is unreadable or takes its literals over {@code limit} octets in
     * all, or empty while none does (lines or octets not yet received are read on a later call).
     */
    static Optional<Refusal> refusal(ByteBuf buffer, long limit) {
        long announced = 0;
        for (Announcement at : reached(buffer)) {
            AnnouncedLiteral literal = at.literal();
            if (!literal.readable() || literal.size() > limit - announced) {
                return Optional.of(new Refusal(at.lineFeed(), literal));
            }
            announced += literal.size();
        }
        return Optional.empty();
    }

    /** The octets of the literals the command announces by the complete lines in the buffer. */
    static long announcedOctets(ByteBuf buffer) {
        return reached(buffer).stream().map(Announcement::literal).filter(AnnouncedLiteral::readable)
            .mapToLong(AnnouncedLiteral::size).sum();
    }

    /**
     * How many synchronizing literals ({@code {n}}, not {@code {n+}}) of the command a parser reaches in the
     * buffer: those announced by a complete line that follows the whole of every earlier literal.
     */
    static int synchronizingReached(ByteBuf buffer) {
        return (int) reached(buffer).stream().map(Announcement::literal)
            .filter(literal -> literal.readable() && literal.synchronizing()).count();
    }

    private record Announcement(int lineFeed, AnnouncedLiteral literal) {
    }

    /**
     * The literals announced by the command's complete lines in the buffer, in order: each line after the whole
     * of the literal before it, up to the first unreadable announcement (included).
     */
    private static List<Announcement> reached(ByteBuf buffer) {
        List<Announcement> reached = new ArrayList<>();
        int end = buffer.writerIndex();
        int lineStart = buffer.readerIndex();
        while (lineStart < end) {
            int lineFeed = buffer.indexOf(lineStart, end, (byte) '\n');
            AnnouncedLiteral literal = lineFeed < 0 ? null : AnnouncedLiteral.endingLine(buffer, lineStart, lineFeed);
            if (literal == null) {
                break;
            }
            reached.add(new Announcement(lineFeed, literal));
            // the whole literal is not in the buffer yet (written so that a size of 18 digits cannot overflow)
            if (!literal.readable() || literal.size() >= end - (lineFeed + 1L)) {
                break;
            }
            lineStart = (int) (lineFeed + 1L + literal.size());
        }
        return reached;
    }

    /** The first word of the command's first line (its tag), or empty if that line has none. */
    static Optional<String> tag(ByteBuf buffer) {
        return word(buffer, buffer.readerIndex());
    }

    /** The second word of the command's first line (the command's name), or empty. */
    static Optional<String> name(ByteBuf buffer) {
        int space = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) ' ');
        return space < 0 ? Optional.empty() : word(buffer, space + 1);
    }

    private static Optional<String> word(ByteBuf buffer, int from) {
        int at = from;
        while (at < buffer.writerIndex()) {
            byte next = buffer.getByte(at);
            if (next == ' ' || next == '\r' || next == '\n') {
                break;
            }
            at++;
        }
        return at == from ? Optional.empty() : Optional.of(buffer.toString(from, at - from, StandardCharsets.US_ASCII));
    }
}
