package vn.congvu.mail.imap.limits;

import io.netty.buffer.ByteBuf;

/**
 * A literal announced at the end of a command line: {@code {n}}, or {@code {n+}} (LITERAL+: its octets follow
 * without waiting for the server's "+"). Read the way James' request reader reads it (the digits up to the
 * closing brace, then CRLF or a bare LF), so that a line James would read a literal from is one we see.
 */
record AnnouncedLiteral(long size, boolean synchronizing) {
    /** A size we cannot read (no digits, other characters): James would announce "+" and then fail on it. */
    static final long UNREADABLE = -1;
    private static final int MAX_DIGITS = 18;

    boolean readable() {
        return size != UNREADABLE;
    }

    /**
     * The literal announced by the line from {@code start} to its LF at {@code lf}, or null when the line
     * announces none (the command ends there).
     */
    static AnnouncedLiteral endingLine(ByteBuf buffer, int start, int lf) {
        int end = lf;
        if (end > start && buffer.getByte(end - 1) == '\r') {
            end--;
        }
        if (end <= start || buffer.getByte(end - 1) != '}') {
            return null;
        }
        int digitsEnd = end - 1;
        boolean synchronizing = true;
        if (digitsEnd > start && buffer.getByte(digitsEnd - 1) == '+') {
            synchronizing = false;
            digitsEnd--;
        }
        int open = digitsEnd - 1;
        while (open >= start && buffer.getByte(open) != '{') {
            byte inside = buffer.getByte(open);
            if (inside == '}' || inside == '+') {
                return null;
            }
            open--;
        }
        if (open < start) {
            return null;
        }
        // A literal starts an argument: after a space, an opening parenthesis, literal8's '~', or a line start.
        boolean startsArgument = open == start || " (~".indexOf(buffer.getByte(open - 1)) >= 0;
        return new AnnouncedLiteral(startsArgument ? size(buffer, open + 1, digitsEnd) : UNREADABLE, synchronizing);
    }

    private static long size(ByteBuf buffer, int from, int to) {
        if (to == from) {
            return UNREADABLE;
        }
        long size = 0;
        for (int at = from; at < to; at++) {
            byte digit = buffer.getByte(at);
            if (digit < '0' || digit > '9') {
                return UNREADABLE;
            }
            if (at - from >= MAX_DIGITS) {
                return Long.MAX_VALUE;
            }
            size = size * 10 + (digit - '0');
        }
        return size;
    }
}
