package vn.congvu.mail.imap.limits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.imap.api.process.ImapSession;

/**
 * The heap the server lets large literals take at once, over all connections. A 20 MB APPEND is held in memory
 * about three times while it is read and stored (the bytes received, the literal, the parsed message); ten
 * clients saving large attachments at once filled a 640 MB heap. A command whose literals pass
 * {@link #LARGE} octets reserves their share before it is read further; when the heap share is taken, its
 * connection is not read (TCP holds the client back, a synchronizing literal is not invited yet) until
 * another command gives its share back. A command alone may always proceed, whatever its size (the limit of
 * literals still bounds it).
 */
public final class LiteralMemory {
    /** Literals under this, together per command, are read without asking: small commands pay nothing. */
    static final long LARGE = 256 * 1024;
    /** Copies of a literal's octets held while its command is read and run. */
    static final int COPIES = 3;
    /** Where a command's reservation waits in the IMAP session for the parser to take it. */
    private static final String RESERVATION = LiteralMemory.class.getName() + ".reservation";

    private final long capacity;
    private long reserved;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

    public LiteralMemory(long capacity) {
        this.capacity = capacity;
    }

    /** A share of the heap: a fifth of the largest heap this JVM may have. */
    public static LiteralMemory ofHeap() {
        return new LiteralMemory(Runtime.getRuntime().maxMemory() / 5);
    }

    /** The octets of one command's large literals, given back once when the command is done with them. */
    public final class Reservation {
        private long octets;
        private boolean released;

        /** Grows by {@code more}; false (nothing taken) when the heap share is taken by others. */
        boolean grow(long more) {
            synchronized (LiteralMemory.this) {
                if (released) {
                    return true;
                }
                boolean alone = reserved == octets;
                if (!alone && reserved + more > capacity) {
                    return false;
                }
                reserved += more;
                octets += more;
                return true;
            }
        }

        long octets() {
            synchronized (LiteralMemory.this) {
                return octets;
            }
        }

        public void release() {
            List<Runnable> wake;
            synchronized (LiteralMemory.this) {
                if (released) {
                    return;
                }
                released = true;
                reserved -= octets;
                wake = new ArrayList<>(waiting);
                waiting.clear();
            }
            wake.forEach(Runnable::run); // each tries again on its own event loop
        }
    }

    Reservation reservation() {
        return new Reservation();
    }

    /** Runs {@code retry} once some reservation is given back. */
    void whenReleased(Runnable retry) {
        synchronized (this) {
            if (reserved > 0) {
                waiting.add(retry);
                return;
            }
        }
        retry.run();
    }

    /** Leaves the reservation of the command being read for its parser. */
    static void offer(ImapSession session, Reservation reservation) {
        session.setAttribute(RESERVATION, reservation);
    }

    /** The reservation of the command being parsed, now the parser's to give back; null if none. */
    public static Reservation take(ImapSession session) {
        Reservation reservation = (Reservation) session.getAttribute(RESERVATION);
        session.setAttribute(RESERVATION, null);
        return reservation;
    }
}
