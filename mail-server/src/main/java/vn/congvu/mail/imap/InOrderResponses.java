package vn.congvu.mail.imap;

import org.apache.james.imapserver.netty.Linearalizer;
import org.reactivestreams.Publisher;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.util.concurrent.EventExecutor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * James' one-command-at-a-time queue of an IMAP connection, whose end of command is handed to the
 * connection's event loop as a task of its own, and which stops reading the connection while many commands wait.
 *
 * <p>Why the end on the event loop: James writes a command's literals from the worker thread that reads the
 * message (Netty queues those writes as tasks on the event loop), but its closing bytes and tagged OK from
 * whichever thread sees the command end. When a client sends its next command the moment it reads OK, that command
 * can be queued here and run to its end on a worker before the event loop subscribes to it; the event
 * loop then sees the end at once and wrote ")" and OK ahead of the literals still waiting in its task
 * queue, so the client read the OK before the message (seen on cold servers, about one start in
 * three, under 4 sessions). Queued behind those writes, the end can no longer overtake them.
 *
 * <p>Why stop reading: James reads and decodes whatever a client pipelines, ahead of its answers. mbsync sends
 * every APPEND of a mailbox at once (20,000 messages: the heap filled and the session timed out); any client could
 * make the server hold what it sends. Past {@link #MOST_WAITING} commands waiting, the connection is not read
 * (TCP holds the client back) until the queue is down to {@link #RESUME_AT}. Commands waiting never need more
 * input to end: the DONE of an IDLE comes before any command sent after it.
 */
final class InOrderResponses extends Linearalizer {
    static final int MOST_WAITING = 32;
    static final int RESUME_AT = 8;

    private final EventExecutor loop;
    private final Scheduler eventLoop;
    private final ChannelConfig reading;
    /** Commands queued and not ended; counted on the event loop only. */
    private int waiting;

    InOrderResponses(Channel channel) {
        this(channel.eventLoop(), channel.config());
    }

    /** The queue of a connection served by {@code loop}, read as {@code reading}'s auto-read says. */
    InOrderResponses(EventExecutor loop, ChannelConfig reading) {
        this.loop = loop;
        this.eventLoop = Schedulers.fromExecutor(loop);
        this.reading = reading;
    }

    @Override
    public Mono<Void> execute(Publisher<Void> command) {
        if (loop.inEventLoop() && ++waiting > MOST_WAITING) {
            reading.setAutoRead(false);
        }
        return super.execute(command).publishOn(eventLoop).doFinally(signal -> ended());
    }

    private void ended() {
        if (!loop.inEventLoop()) {
            loop.execute(this::ended);
            return;
        }
        waiting = Math.max(0, waiting - 1);
        if (waiting <= RESUME_AT && !reading.isAutoRead()) {
            reading.setAutoRead(true);
        }
    }
}
