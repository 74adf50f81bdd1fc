package vn.congvu.mail.imap;

import java.net.SocketOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * Acknowledges what a client sends at once instead of after Linux's delayed-ACK timer (40 ms). A client that
 * writes an APPEND literal and its closing CRLF in two writes (Python's imaplib, and others with Nagle's
 * algorithm on) holds the CRLF until the literal is acknowledged; the server, having answered the APPEND line
 * with "+", is in Linux's interactive mode and delays that ACK: every APPEND took 50 ms, 18 a second, with the
 * CPU idle. Linux's quick-ACK mode does not last, so it is asked for again after every read.
 */
@ChannelHandler.Sharable
final class QuickAcks extends ChannelInboundHandlerAdapter {
    static final String NAME = "quickAcks";
    private static final Logger LOGGER = LoggerFactory.getLogger(QuickAcks.class);
    private static final SocketOption<Boolean> QUICK_ACK = ExtendedSocketOptions.TCP_QUICKACK;
    static final QuickAcks INSTANCE = new QuickAcks();

    private volatile boolean unsupported;

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!unsupported) {
            try {
                ctx.channel().config().setOption(NioChannelOption.of(QUICK_ACK), true);
            } catch (RuntimeException e) {
                unsupported = true; // not Linux: the timer stays
                LOGGER.info("TCP quick ACKs unavailable here ({}); clients writing literals in two parts wait for delayed ACKs",
                    e.toString());
            }
        }
        ctx.fireChannelReadComplete();
    }
}
