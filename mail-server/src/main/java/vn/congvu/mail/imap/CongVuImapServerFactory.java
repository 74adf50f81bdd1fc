package vn.congvu.mail.imap;

import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

import vn.congvu.mail.imap.limits.LiteralLimits;
import vn.congvu.mail.imap.limits.LiteralMemory;

/** James' IMAP server factory, making {@link CongVuImapServer}s for every server in imapserver.xml. */
public class CongVuImapServerFactory extends IMAPServerFactory {
    private final LiteralLimits literalLimits;
    /** One share of the heap for large literals, over every IMAP listener of the server. */
    private final LiteralMemory literalMemory = LiteralMemory.ofHeap();

    public CongVuImapServerFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder, Provider<ImapEncoder> encoder,
                                    Provider<ImapProcessor> processor, MetricFactory metrics, GaugeRegistry gauges,
                                    LiteralLimits literalLimits) {
        super(fileSystem, decoder, encoder, processor, metrics, gauges);
        this.literalLimits = literalLimits;
    }

    @Override
    protected IMAPServer createServer() {
        return new CongVuImapServer(decoder.get(), encoder.get(), processor.get(), imapMetrics, gaugeRegistry, literalLimits,
            literalMemory);
    }
}
