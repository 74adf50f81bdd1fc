package vn.congvu.mail.imap;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.ImapMetrics;
import org.apache.james.imapserver.netty.NettyConstants;
import org.apache.james.metrics.api.GaugeRegistry;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.flush.FlushConsolidationHandler;
import vn.congvu.mail.imap.limits.LimitedLiteralDecoder;
import vn.congvu.mail.imap.limits.LiteralMemory;
import vn.congvu.mail.imap.limits.LiteralLimits;
import vn.congvu.mail.login.ClientAddress;

/**
 * James' IMAP server with {@link InOrderResponsesHandler} in front of its core handler in each connection's
 * pipeline, {@link QuickAcks} at its head, its flushes consolidated below the chunked writer
 * ({@link #flushConsolidation()}), its request decoder refusing literals over {@link LiteralLimits}
 * ({@link LimitedLiteralDecoder}), its greeting naming the host only ({@link HostGreeting}) and the client's address
 * in its session ({@link ClientAddress}). James builds the
 * pipeline itself and only asks us for its core handler, so we hand it a placeholder that, once in the pipeline,
 * adds ours and puts James' core handler in its own place.
 */
public class CongVuImapServer extends IMAPServer {
    static final String FLUSH_CONSOLIDATION = "flushConsolidation";
    private static final String LITERAL_SIZE_LIMIT = "literalSizeLimit";
    private static final String IN_MEMORY_SIZE_LIMIT = "inMemorySizeLimit";

    private final ImapDecoder decoder;
    private final ImapProcessor processor;
    private final LiteralLimits literalLimits;
    private final LiteralMemory literalMemory;
    private int inMemorySizeLimit;
    private int maxLineLength;

    public CongVuImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor,
                            ImapMetrics metrics, GaugeRegistry gauges, LiteralLimits literalLimits,
                            LiteralMemory literalMemory) {
        super(decoder, encoder, processor, metrics, gauges);
        this.decoder = decoder;
        this.processor = processor;
        this.literalLimits = literalLimits;
        this.literalMemory = literalMemory;
    }

    /**
     * James' literal limit (its own late check, and APPENDLIMIT) is the limit after login; imapserver.xml sets
     * none, nor an in-memory limit (below). The line length our decoder shares with James' is read as James reads it.
     */
    @Override
    public void doConfigure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        if (configuration.containsKey(LITERAL_SIZE_LIMIT)) {
            throw new ConfigurationException(LITERAL_SIZE_LIMIT + " is the SMTP maxmessagesize (smtpserver.xml); "
                + "remove it from imapserver.xml");
        }
        configuration.setProperty(LITERAL_SIZE_LIMIT, String.valueOf(Math.min(Integer.MAX_VALUE, literalLimits.afterLogin())));
        super.doConfigure(configuration);
        maxLineLength = configuration.getInt("maxLineLength", DEFAULT_MAX_LINE_LENGTH);
        // James spools a literal over its in-memory limit to a file that holds only the command's own octets and
        // drops whatever the client pipelined behind it in the same reads (the next APPEND), so the session broke:
        // literals are kept in memory up to the limit after login, which bounds them anyway.
        if (configuration.containsKey(IN_MEMORY_SIZE_LIMIT)) {
            throw new ConfigurationException(IN_MEMORY_SIZE_LIMIT + " is the limit of literals after login (the SMTP "
                + "maxmessagesize of smtpserver.xml); remove it from imapserver.xml");
        }
        inMemorySizeLimit = (int) Math.min(Integer.MAX_VALUE, literalLimits.afterLogin());
    }

    /**
     * James flushes every part of an answer on its own (a FETCH of a header and some text: five flushes), and
     * each flush through TLS is a record of its own (a cipher set up, a write system call). Flushes are held
     * until the event loop has run what is queued, then made once: the answer leaves in one or two records.
     */
    static FlushConsolidationHandler flushConsolidation() {
        return new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true);
    }

    @Override
    protected ChannelInboundHandlerAdapter createCoreHandler() {
        ChannelInboundHandlerAdapter james = super.createCoreHandler();
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.pipeline().addBefore(ctx.name(), InOrderResponsesHandler.NAME, new InOrderResponsesHandler());
                ctx.pipeline().addBefore(ctx.name(), ClientAddress.NAME, new ClientAddress());
                ctx.pipeline().addFirst(QuickAcks.NAME, QuickAcks.INSTANCE);
                ctx.pipeline().addAfter(ctx.name(), HostGreeting.NAME, new HostGreeting(getHelloName(), processor));
                ctx.pipeline().replace(NettyConstants.REQUEST_DECODER, NettyConstants.REQUEST_DECODER,
                    new LimitedLiteralDecoder(decoder, inMemorySizeLimit, maxLineLength, literalLimits, literalMemory));
                if (ctx.pipeline().get(NettyConstants.CHUNK_WRITE_HANDLER) != null) {
                    ctx.pipeline().addBefore(NettyConstants.CHUNK_WRITE_HANDLER, FLUSH_CONSOLIDATION, flushConsolidation());
                }
                ctx.pipeline().replace(this, NettyConstants.CORE_HANDLER, james);
            }
        };
    }
}
