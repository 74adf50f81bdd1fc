package vn.congvu.mail.imap;

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

/**
 * James' IMAP server with {@link InOrderResponsesHandler} in front of its core handler in each connection's
 * pipeline, {@link QuickAcks} at its head, and its flushes consolidated below the chunked writer ({@link #flushConsolidation()}). James
 * builds the pipeline itself and only asks us for its core handler, so we hand it a placeholder that, once in
 * the pipeline, adds ours and puts James' core handler in its own place.
 */
public class CongVuImapServer extends IMAPServer {
    static final String FLUSH_CONSOLIDATION = "flushConsolidation";

    public CongVuImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor,
                            ImapMetrics metrics, GaugeRegistry gauges) {
        super(decoder, encoder, processor, metrics, gauges);
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
                ctx.pipeline().addFirst(QuickAcks.NAME, QuickAcks.INSTANCE);
                if (ctx.pipeline().get(NettyConstants.CHUNK_WRITE_HANDLER) != null) {
                    ctx.pipeline().addBefore(NettyConstants.CHUNK_WRITE_HANDLER, FLUSH_CONSOLIDATION, flushConsolidation());
                }
                ctx.pipeline().replace(this, NettyConstants.CORE_HANDLER, james);
            }
        };
    }
}
