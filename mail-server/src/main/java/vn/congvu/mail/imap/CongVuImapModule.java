package vn.congvu.mail.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import vn.congvu.mail.imap.selected.SessionUpdates;

/**
 * Overrides James' IMAPServerModule factory binding with {@link CongVuImapServerFactory}, whose servers are given
 * James' command processor wrapped in {@link SessionUpdates}.
 */
public class CongVuImapModule extends AbstractModule {

    @Provides
    @Singleton
    IMAPServerFactory serverFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metrics, GaugeRegistry gauges) {
        // Every command goes through SessionUpdates, which tells clients of their mailbox's changes.
        Provider<ImapProcessor> updating = () -> new SessionUpdates(processor.get(), new UnpooledStatusResponseFactory());
        return new CongVuImapServerFactory(fileSystem, decoder, encoder, updating, metrics, gauges);
    }
}
