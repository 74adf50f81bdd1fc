package vn.congvu.mail.imap.limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imapserver.netty.ImapRequestFrameDecoder;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * James' IMAP request decoder, refusing a literal over {@link LiteralLimits} before James reads it. James 3.8.1
 * answers "+" as soon as it reads a literal's announcement and checks the size only afterwards, so a client
 * that never logged in could announce 4 GB and be invited to send it. Each time James is about to read a
 * command, the literals the command announced so far are checked first: a refused one gets its answer
 * ({@link RefusedLiteral}) in place of the command, and James never sees the line. A refused LITERAL+ literal
 * (whose octets come without waiting) is read and dropped after login, so the session goes on; before login
 * the session ends. A command with a literal that James answers while parsing leaves no rest behind
 * ({@link RestOfCommandLine}).
 * <p>
 * James invites a synchronizing literal with "+" only in its first reading of a command: a command announcing
 * a second one ({@code LOGIN {4} user {8}}, a MULTIAPPEND of several messages) waited for an invitation that
 * never came. The invitations James did not send are sent here, one per literal.
 * <p>
 * A command with large literals takes its share of {@link LiteralMemory} before it is read further, and gives
 * it back when it has run (its parser hands the share to the request James closes) or was refused.
 */
public class LimitedLiteralDecoder extends ImapRequestFrameDecoder {
    /** James' attachment key while a command's literal is streamed into a file: the buffer holds no command then. */
    private static final String STREAMING_TO_FILE = "SINK";
    /** James' attachment key for the octets a command with a literal needs: James then reads it from its start again. */
    private static final String NEEDED_DATA = "NEEDED_DATA";
    private static final int UNKNOWN_SIZE = -1;
    /** James' own invitation to send a literal's octets. */
    private static final byte[] CONTINUATION = "+ Ok\r\n".getBytes(StandardCharsets.US_ASCII);

    private final LiteralLimits limits;
    private final int maxLineLength;
    /** AUTHENTICATE and IDLE read lines of their own, which are no commands. */
    private final AtomicInteger lineHandlers = new AtomicInteger();
    private final DroppedLiteral dropping = new DroppedLiteral();
    private final AtomicBoolean afterLiteral;
    private boolean closing;
    /** Inside {@link #channelRead}; what arrives meanwhile waits in {@link #arrivedDuringRead}. */
    private boolean reading;
    private final ArrayDeque<Object> arrivedDuringRead = new ArrayDeque<>();
    /** The synchronizing literals of the command being read that were invited with "+". */
    private int invited;
    private final LiteralMemory memory;
    /** The share of {@link #memory} the command being read holds, if its literals are large. */
    private LiteralMemory.Reservation held;
    /** Waiting for a share: the connection is not read meanwhile. */
    private boolean waitingForMemory;

    public LimitedLiteralDecoder(ImapDecoder decoder, int inMemorySizeLimit, int maxLineLength, LiteralLimits limits,
                                 LiteralMemory memory) {
        this(decoder, inMemorySizeLimit, maxLineLength, limits, memory, new AtomicBoolean());
    }

    private LimitedLiteralDecoder(ImapDecoder decoder, int inMemorySizeLimit, int maxLineLength, LiteralLimits limits,
                                  LiteralMemory memory, AtomicBoolean afterLiteral) {
        super(new RestOfCommandLine(decoder, afterLiteral::get), inMemorySizeLimit,
            (int) Math.min(Integer.MAX_VALUE, limits.afterLogin()), maxLineLength);
        this.limits = limits;
        this.maxLineLength = maxLineLength;
        this.afterLiteral = afterLiteral;
        this.memory = memory;
    }

    /**
     * Octets that arrive while a read is being decoded are decoded after it. When a command announces a literal,
     * James removes the line framer from the pipeline in the middle of our decoding, and the framer hands on the
     * octets it still held at once, into this decoder: decoded there and then, inside the decoding of the
     * command, the literal of a pipelined {@code APPEND … {n+}} was read as commands and the session broke
     * (mbsync pipelines APPENDs with LITERAL+ by default). Everything runs on the connection's event loop.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (reading) {
            arrivedDuringRead.add(msg);
            return;
        }
        reading = true;
        try {
            super.channelRead(ctx, msg);
            Object next;
            while ((next = arrivedDuringRead.poll()) != null) {
                super.channelRead(ctx, next);
            }
        } finally {
            reading = false;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (dropping.active()) {
            if (!drop(ctx, in)) {
                return;
            }
            enableFraming(ctx);
            if (!in.isReadable()) {
                return;
            }
        }
        if (lineHandlers.get() == 0 && !attachment(ctx).containsKey(STREAMING_TO_FILE)) {
            ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
            long limit = limits.of(session);
            Optional<CommandLiterals.Refusal> refusal = CommandLiterals.refusal(in, limit);
            if (refusal.isPresent()) {
                refuse(ctx, in, out, refusal.get(), limit, LiteralLimits.beforeLogin(session));
                return;
            }
        }
        // As James tells a command with a literal: it waits for more octets of a known number.
        boolean rereading = attachment(ctx).get(NEEDED_DATA) instanceof Integer needed && needed != UNKNOWN_SIZE;
        afterLiteral.set(rereading);
        boolean command = lineHandlers.get() == 0 && !attachment(ctx).containsKey(STREAMING_TO_FILE);
        if (command && !admitted(ctx, in)) {
            return;
        }
        if (command) {
            // James reads a command again, without inviting, whenever it waited for more octets of any number
            invite(ctx, in, attachment(ctx).containsKey(NEEDED_DATA));
        }
        // James waits for a literal's octets with resetReaderIndex(): back to the mark, which must be where this
        // command starts. Netty's mark stays at the buffer's start, which is the command's only when nothing came
        // before it in the buffer: the literal of a pipelined APPEND was otherwise read from an earlier command.
        in.markReaderIndex();
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        if (held != null && session != null) {
            LiteralMemory.offer(session, held);
        }
        int before = out.size();
        try {
            super.decode(ctx, in, out);
        } finally {
            if (out.size() > before || !attachment(ctx).containsKey(NEEDED_DATA)) {
                invited = 0; // the next command is read from its start
                commandRead(session);
            }
        }
    }

    /**
     * Whether the command may be read further: true unless its literals are large and the share they need is
     * taken; then the connection is not read until a share is given back, and the command is read again.
     */
    private boolean admitted(ChannelHandlerContext ctx, ByteBuf in) {
        long octets = CommandLiterals.announcedOctets(in);
        if (held == null && octets < LiteralMemory.LARGE) {
            return true;
        }
        if (held == null) {
            held = memory.reservation();
        }
        long more = octets * LiteralMemory.COPIES - held.octets();
        if (more <= 0 || held.grow(more)) {
            if (waitingForMemory) {
                waitingForMemory = false;
                ctx.channel().config().setAutoRead(true);
            }
            return true;
        }
        if (!waitingForMemory) {
            waitingForMemory = true;
            ctx.channel().config().setAutoRead(false);
        }
        // Another connection's InOrderResponses may turn reading on meanwhile: checked again at every read.
        memory.whenReleased(() -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive()) {
                try {
                    channelRead(ctx, Unpooled.EMPTY_BUFFER);
                } catch (Exception e) {
                    ctx.fireExceptionCaught(e);
                }
            }
        }));
        return false;
    }

    /** The command was read (or refused): a share its parser did not take is given back now. */
    private void commandRead(ImapSession session) {
        if (held == null) {
            return;
        }
        if (session == null || LiteralMemory.take(session) != null) {
            held.release();
        }
        held = null;
    }

    /**
     * Netty's decoder asks for one more read after a read that decoded nothing, even with auto-read off: a
     * command waiting for its share would then be read on, octet by octet, into memory.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (waitingForMemory) {
            ctx.fireChannelReadComplete();
            return;
        }
        super.channelReadComplete(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (held != null) {
            held.release();
            held = null;
        }
        super.channelInactive(ctx);
    }

    /**
     * James invites every literal its first reading of a command reaches and none after: the later ones are
     * invited here. A first reading that stopped before its line's end invites none.
     */
    private void invite(ChannelHandlerContext ctx, ByteBuf in, boolean rereading) {
        int reached = CommandLiterals.synchronizingReached(in);
        if (!rereading) {
            invited = reached;
            return;
        }
        for (; invited < reached; invited++) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(CONTINUATION));
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, CommandLiterals.Refusal refusal,
                        long limit, boolean beforeLogin) {
        AnnouncedLiteral literal = refusal.literal();
        // Octets already on their way can be dropped only after login, and only when their number is readable.
        boolean closes = !literal.synchronizing() && (beforeLogin || !literal.readable());
        out.add(RefusedLiteral.of(CommandLiterals.tag(in), CommandLiterals.name(in), literal, limit, beforeLogin, closes));
        // The command is answered: whatever James waited for it is forgotten.
        attachment(ctx).clear();
        in.readerIndex(refusal.lineFeed() + 1);
        if (closes) {
            closing = true;
            in.skipBytes(in.readableBytes());
        } else if (literal.synchronizing()) {
            enableFraming(ctx);
        } else {
            // No line framing while dropping: the octets need not be lines, nor short ones.
            disableFraming(ctx);
            dropping.start(literal.size());
            if (drop(ctx, in)) {
                enableFraming(ctx);
            }
        }
    }

    /** Drops what {@link #dropping} still expects from the buffer; true once the refused command is behind. */
    private boolean drop(ChannelHandlerContext ctx, ByteBuf in) {
        if (!dropping.drop(in) && in.readableBytes() > maxLineLength) {
            // The rest of the refused command's line never ends: treat it as the attack it is.
            closing = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return false;
        }
        return !dropping.active();
    }

    private static Map<String, Object> attachment(ChannelHandlerContext ctx) {
        return ctx.channel().attr(NettyConstants.FRAME_DECODE_ATTACHMENT_ATTRIBUTE_KEY).get();
    }

    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter lineHandlerUpstreamHandler) {
        lineHandlers.incrementAndGet();
        super.pushLineHandler(lineHandlerUpstreamHandler);
    }

    @Override
    public void popLineHandler() {
        lineHandlers.updateAndGet(count -> Math.max(0, count - 1));
        super.popLineHandler();
    }
}
