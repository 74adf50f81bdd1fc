package vn.congvu.mail.imap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.Capability;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CapabilityRequest;
import org.apache.james.imap.message.response.CapabilityResponse;
import org.apache.james.imapserver.netty.NettyConstants;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Greets with the host name and the connection's capabilities, {@code * OK [CAPABILITY ...] <host> ready.}, in
 * place of James' {@code * OK JAMES IMAP4rev1 Server <host> is ready.}, which names the software and which no
 * configuration changes ({@code <helloName>} is only its host part). James writes its greeting as the first
 * thing on a connection; this handler swaps that write and leaves the pipeline. The capabilities are the ones
 * a CAPABILITY command gets on this connection (STARTTLS and LOGINDISABLED before TLS), from James' processor.
 */
final class HostGreeting extends ChannelOutboundHandlerAdapter {
    static final String NAME = "hostGreeting";
    private static final String JAMES_GREETING = "* OK ";

    private final String hostName;
    private final ImapProcessor processor;

    HostGreeting(String hostName, ImapProcessor processor) {
        this.hostName = hostName;
        this.processor = processor;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        ctx.pipeline().remove(this);
        if (message instanceof ByteBuf written && written.toString(StandardCharsets.US_ASCII).startsWith(JAMES_GREETING)) {
            written.release();
            ImapSession session = ctx.channel().attr(NettyConstants.IMAP_SESSION_ATTRIBUTE_KEY).get();
            ctx.write(Unpooled.copiedBuffer(greeting(session), StandardCharsets.US_ASCII), promise);
        } else {
            ctx.write(message, promise);
        }
    }

    String greeting(ImapSession session) {
        List<String> capabilities = capabilities(session);
        String code = capabilities.isEmpty() ? "" : "[CAPABILITY " + String.join(" ", capabilities) + "] ";
        return JAMES_GREETING + code + hostName + " ready.\r\n";
    }

    /** IMAP4rev1 first, as clients reading only the start of the list expect; empty if James did not answer at once. */
    private List<String> capabilities(ImapSession session) {
        List<Capability> answered = new ArrayList<>();
        processor.processReactive(new CapabilityRequest(new Tag("greeting")), new ImapProcessor.Responder() {
            @Override
            public void respond(ImapResponseMessage message) {
                if (message instanceof CapabilityResponse capabilities) {
                    answered.addAll(capabilities.getCapabilities());
                }
            }

            @Override
            public void flush() {
                // nothing is written: the answer becomes the greeting's response code
            }
        }, session).subscribe();
        String first = ImapConstants.BASIC_CAPABILITIES.asString();
        return answered.stream().map(Capability::asString).anyMatch(first::equalsIgnoreCase)
            ? Stream.concat(Stream.of(first), answered.stream().map(Capability::asString).filter(c -> !first.equalsIgnoreCase(c))).toList()
            : List.of();
    }
}
