package vn.congvu.mail.imap;

import org.apache.james.imapserver.netty.Linearalizer;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.Attribute;

/**
 * Sits just before James' IMAP core handler and, before the first command reaches it, swaps the
 * connection's command queue (set up by James when the connection opened) for {@link InOrderResponses}.
 */
final class InOrderResponsesHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "inOrderResponses";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Attribute<Linearalizer> queue = ctx.channel().attr(NettyConstants.LINEARALIZER_ATTRIBUTE_KEY);
        if (!(queue.get() instanceof InOrderResponses)) {
            queue.set(new InOrderResponses(ctx.channel()));
        }
        ctx.fireChannelRead(message);
    }
}
