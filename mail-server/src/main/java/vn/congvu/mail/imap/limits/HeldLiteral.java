package vn.congvu.mail.imap.limits;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.imap.message.Literal;
import org.apache.james.mailbox.model.Content;

/**
 * A literal whose share of {@link LiteralMemory} is given back when James closes its request, after the
 * command has run.
 */
public final class HeldLiteral implements Literal, Closeable {
    private final Literal literal;
    private final LiteralMemory.Reservation reservation;

    public HeldLiteral(Literal literal, LiteralMemory.Reservation reservation) {
        this.literal = literal;
        this.reservation = reservation;
    }

    @Override
    public long size() throws IOException {
        return literal.size();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return literal.getInputStream();
    }

    @Override
    public Content asMailboxContent() {
        return literal.asMailboxContent();
    }

    @Override
    public void close() throws IOException {
        try {
            if (literal instanceof Closeable closeable) {
                closeable.close();
            }
        } finally {
            reservation.release();
        }
    }
}
