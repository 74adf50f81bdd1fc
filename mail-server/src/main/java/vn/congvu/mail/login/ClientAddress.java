package vn.congvu.mail.login;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Puts the client's address into its IMAP session before the first command is processed, so that a processor can
 * decide by it (James 3.8.1's session does not carry it), then leaves the pipeline. It is login's: the migration's
 * master login is admitted only from loopback ({@link MigrationLogin}); the IMAP server merely installs it.
 */
public final class ClientAddress extends ChannelInboundHandlerAdapter {
    public static final String NAME = "clientAddress";
    private static final String ATTRIBUTE = "vn.congvu.imap.clientAddress";

    /** Where the session's client connects from; empty if unknown. */
    public static Optional<InetSocketAddress> of(ImapSession session) {
        return session.getAttribute(ATTRIBUTE) instanceof InetSocketAddress address ? Optional.of(address) : Optional.empty();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
        SocketAddress remote = ctx.channel().remoteAddress();
        if (session != null && remote instanceof InetSocketAddress address) {
            session.setAttribute(ATTRIBUTE, address);
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(message);
    }
}
