package vn.congvu.mail.imap.limits;

import io.netty.buffer.ByteBuf;

/**
 * The octets of a refused LITERAL+ literal, still arriving, and the rest of its command: read and thrown away,
 * never buffered. The rest of the command is its line after the literal, or more lines when that line announces
 * another LITERAL+ literal.
 */
final class DroppedLiteral {
    private long octets;
    private boolean restOfLine;

    void start(long size) {
        octets = size;
        restOfLine = true;
    }

    boolean active() {
        return octets > 0 || restOfLine;
    }

    /**
     * Drops what it can from the buffer; false when it waits for more: literal octets, or the end of the line
     * that follows them (left in the buffer until complete, its end tells whether another literal follows).
     */
    boolean drop(ByteBuf in) {
        while (active()) {
            if (octets > 0) {
                int skipped = (int) Math.min(octets, in.readableBytes());
                in.skipBytes(skipped);
                octets -= skipped;
                if (octets > 0) {
                    return false;
                }
            }
            int lineFeed = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lineFeed < 0) {
                return false;
            }
            AnnouncedLiteral next = AnnouncedLiteral.endingLine(in, in.readerIndex(), lineFeed);
            in.readerIndex(lineFeed + 1);
            if (next != null && !next.synchronizing() && next.readable()) {
                octets = next.size();
            } else {
                // The command ends here, or waits for a "+" that will not come: the client has its answer.
                restOfLine = false;
            }
        }
        return true;
    }
}
