package vn.congvu.mail.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.james.imapserver.netty.Linearalizer;
import org.apache.james.imapserver.netty.NettyConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.ChannelConfig;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The race behind "FETCH n: [')']" in the FETCH load: a command queued behind the previous one runs to its
 * end on a worker before the event loop subscribes to it. Writes are replayed the way Netty makes them: from
 * the event loop they go out at once, from any other thread they wait in the event loop's task queue.
 */
class InOrderResponsesTest {
    private final DefaultEventLoop eventLoop = new DefaultEventLoop();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final List<String> wire = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        worker.shutdownNow();
        eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void theTaggedOkOfAQueuedCommandFollowsItsLiteral() throws Exception {
        assertEquals(List.of("literal", "OK"), answerOfQueuedCommand(new InOrderResponses(eventLoop, new EmbeddedChannel().config())));
    }

    /** James 3.8.1's own queue, the same steps: the OK goes out first. Should James fix it, this fails. */
    @Test
    void withJamesQueueAloneTheTaggedOkOvertakesTheLiteral() throws Exception {
        assertEquals(List.of("OK", "literal"), answerOfQueuedCommand(new Linearalizer()));
    }

    @Test
    void theHandlerSwapsTheQueueBeforeTheFirstCommandAndPassesItOn() {
        EmbeddedChannel channel = new EmbeddedChannel(new InOrderResponsesHandler());
        channel.attr(NettyConstants.LINEARALIZER_ATTRIBUTE_KEY).set(new Linearalizer());

        channel.writeInbound("a1 NOOP");
        Linearalizer swapped = channel.attr(NettyConstants.LINEARALIZER_ATTRIBUTE_KEY).get();
        channel.writeInbound("a2 NOOP");

        assertInstanceOf(InOrderResponses.class, swapped);
        assertSame(swapped, channel.attr(NettyConstants.LINEARALIZER_ATTRIBUTE_KEY).get(), "swapped once");
        assertEquals("a1 NOOP", channel.readInbound());
        assertEquals("a2 NOOP", channel.readInbound());
    }

    /** A client that pipelines more than the queue takes is not read until most of it is answered. */
    @Test
    void manyCommandsWaitingStopTheReadingUntilMostAreAnswered() throws Exception {
        ChannelConfig reading = new EmbeddedChannel().config();
        InOrderResponses commands = new InOrderResponses(eventLoop, reading);
        List<Sinks.Empty<Void>> pipelined = new ArrayList<>();
        eventLoop.submit(() -> {
            for (int i = 0; i < InOrderResponses.MOST_WAITING; i++) {
                Sinks.Empty<Void> command = Sinks.empty();
                pipelined.add(command);
                commands.execute(command.asMono()).subscribe();
            }
        }).get();
        assertTrue(reading.isAutoRead(), "as many as the queue takes: still read");
        eventLoop.submit(() -> {
            Sinks.Empty<Void> command = Sinks.empty();
            pipelined.add(command);
            commands.execute(command.asMono()).subscribe();
        }).get();
        assertFalse(reading.isAutoRead(), "one more: not read");
        int toAnswer = pipelined.size() - InOrderResponses.RESUME_AT;
        for (int i = 0; i < toAnswer; i++) {
            pipelined.get(i).tryEmitEmpty();
            eventLoop.submit(() -> { }).get();
            eventLoop.submit(() -> { }).get();
            assertEquals(i == toAnswer - 1, reading.isAutoRead(), "reading again only at " + InOrderResponses.RESUME_AT
                + " waiting (" + (i + 1) + " answered)");
        }
    }

    private List<String> answerOfQueuedCommand(Linearalizer commands) throws Exception {
        Sinks.Empty<Void> previous = Sinks.empty();
        commands.execute(previous.asMono()).subscribe();

        // The next command arrives on the event loop while the previous one is still finishing.
        eventLoop.submit(() -> {
            Mono<Void> next = commands.execute(Mono.fromRunnable(() -> write("literal")));
            // The previous command ends on the worker, which then runs the next one to its end.
            worker.submit(previous::tryEmitEmpty).get();
            next.doOnSuccess(done -> write("OK")).subscribe();
            return null;
        }).get();
        eventLoop.submit(() -> { }).get();
        eventLoop.submit(() -> { }).get();
        return wire;
    }

    private void write(String bytes) {
        if (eventLoop.inEventLoop()) {
            wire.add(bytes);
        } else {
            eventLoop.execute(() -> wire.add(bytes));
        }
    }
}
