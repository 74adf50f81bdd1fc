package vn.congvu.mail.endpoint;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

/** James' SMTP server factory, making {@link EventLoopFramingSmtpServer}s. */
public class EventLoopFramingSmtpServerFactory extends SMTPServerFactory {

    public EventLoopFramingSmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem,
                                   MetricFactory metricFactory) {
        super(dns, loader, fileSystem, metricFactory);
    }

    @Override
    protected SMTPServer createServer() {
        return new EventLoopFramingSmtpServer(smtpMetrics);
    }
}
