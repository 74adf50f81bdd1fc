package vn.congvu.mail.imap;

import javax.inject.Provider;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapCommandParserFactory;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.decode.main.DefaultImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import vn.congvu.mail.imap.limits.LiteralLimits;
import vn.congvu.mail.imap.parse.ParseFailures;
import vn.congvu.mail.imap.selected.SessionUpdates;
import vn.congvu.mail.storage.MailboxWriters;

/**
 * Overrides James' IMAPServerModule bindings: the server factory with {@link CongVuImapServerFactory}, whose
 * servers are given James' command processor wrapped in {@link SessionUpdates} and take their literal limit
 * after login from the SMTP message size limit, and the command decoder with James' own over parsers whose
 * failures are answered ({@link ParseFailures}).
 */
public class CongVuImapModule extends AbstractModule {

    @Provides
    ImapDecoder decoder(ImapCommandParserFactory parsers, StatusResponseFactory responses) {
        return new DefaultImapDecoder(responses, new ParseFailures(parsers, responses));
    }

    @Provides
    @Singleton
    IMAPServerFactory serverFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metrics, GaugeRegistry gauges,
                                    ConfigurationProvider configuration, MailboxWriters writers,
                                    MailboxManager mailboxes) throws ConfigurationException {
        LiteralLimits limits = LiteralLimits.fromSmtpServers(configuration.getConfiguration("smtpserver"));
        // Every command goes through SessionUpdates, which tells clients of their mailbox's changes.
        Provider<ImapProcessor> updating = () -> new SessionUpdates(processor.get(), new UnpooledStatusResponseFactory(),
            writers, mailboxes);
        return new CongVuImapServerFactory(fileSystem, decoder, encoder, updating, metrics, gauges, limits);
    }
}
