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

/**
 * James' IMAP server with {@link InOrderResponsesHandler} in front of its core handler in each connection's
 * pipeline. James builds the pipeline itself and only asks us for its core handler, so we hand it a
 * placeholder that, once in the pipeline, adds ours and puts James' core handler in its own place.
 */
public class CongVuImapServer extends IMAPServer {

    public CongVuImapServer(ImapDecoder decoder, ImapEncoder encoder, ImapProcessor processor,
                            ImapMetrics metrics, GaugeRegistry gauges) {
        super(decoder, encoder, processor, metrics, gauges);
    }

    @Override
    protected ChannelInboundHandlerAdapter createCoreHandler() {
        ChannelInboundHandlerAdapter james = super.createCoreHandler();
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                ctx.pipeline().addBefore(ctx.name(), InOrderResponsesHandler.NAME, new InOrderResponsesHandler());
                ctx.pipeline().replace(this, NettyConstants.CORE_HANDLER, james);
            }
        };
    }
}
