package vn.congvu.mail.imap;

import java.util.concurrent.Executor;

import org.apache.james.imapserver.netty.Linearalizer;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * James' one-command-at-a-time queue of an IMAP connection, whose end of command is handed to the
 * connection's event loop as a task of its own.
 *
 * <p>Why: James writes a command's literals from the worker thread that reads the message (Netty queues
 * those writes as tasks on the event loop), but its closing bytes and tagged OK from whichever thread
 * sees the command end. When a client sends its next command the moment it reads OK, that command
 * can be queued here and run to its end on a worker before the event loop subscribes to it; the event
 * loop then sees the end at once and wrote ")" and OK ahead of the literals still waiting in its task
 * queue, so the client read the OK before the message (seen on cold servers, about one start in
 * three, under 4 sessions). Queued behind those writes, the end can no longer overtake them.
 */
final class InOrderResponses extends Linearalizer {
    private final Scheduler eventLoop;

    InOrderResponses(Executor eventLoop) {
        this.eventLoop = Schedulers.fromExecutor(eventLoop);
    }

    @Override
    public Mono<Void> execute(Publisher<Void> command) {
        return super.execute(command).publishOn(eventLoop);
    }
}
