package vn.congvu.mail.endpoint;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Overrides James' SMTPServerModule factory binding with {@link EventLoopFramingSmtpServerFactory}. */
public class EventLoopFramingSmtpModule extends AbstractModule {

    @Provides
    @Singleton
    SMTPServerFactory serverFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem,
                                    MetricFactory metrics) {
        return new EventLoopFramingSmtpServerFactory(dns, loader, fileSystem, metrics);
    }
}
