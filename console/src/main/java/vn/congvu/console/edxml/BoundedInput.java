package vn.congvu.console.edxml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A package's bytes, refused past a limit while they are read: an oversized post never fills the heap. */
final class BoundedInput extends FilterInputStream {
    private final long limit;
    private long read;

    BoundedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new TooLargeException(limit);
        }
    }

    /** Thrown from inside the XML parser's reads; the reader turns it into its sentence. */
    static final class TooLargeException extends IOException {
        final long limit;

        TooLargeException(long limit) {
            super("the package is larger than " + limit + " bytes");
            this.limit = limit;
        }
    }
}
