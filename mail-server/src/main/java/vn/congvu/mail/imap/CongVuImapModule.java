package vn.congvu.mail.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** Overrides James' IMAPServerModule factory binding with {@link CongVuImapServerFactory}. */
public class CongVuImapModule extends AbstractModule {

    @Provides
    @Singleton
    IMAPServerFactory serverFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metrics, GaugeRegistry gauges) {
        return new CongVuImapServerFactory(fileSystem, decoder, encoder, processor, metrics, gauges);
    }
}
