package vn.congvu.mail.endpoint;

import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SmtpMetrics;

import io.netty.util.concurrent.EventExecutorGroup;

/**
 * James' SMTP server with its line framer on the connection's own event loop. James 3.8.1 runs the framer on a
 * separate executor group and the protocol handlers on the event loop, so every line of a message went from one
 * thread to the other and back: two queue hand-overs and thread wake-ups per line, hundreds per message. Netty
 * runs a handler added without a group on the channel's event loop.
 */
public class EventLoopFramingSmtpServer extends SMTPServer {

    public EventLoopFramingSmtpServer(SmtpMetrics metrics) {
        super(metrics);
    }

    @Override
    protected EventExecutorGroup getExecutorGroup() {
        return null;
    }
}
