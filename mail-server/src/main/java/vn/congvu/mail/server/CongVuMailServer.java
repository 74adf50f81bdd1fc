package vn.congvu.mail.server;

import org.apache.james.GuiceJamesServer;
import org.apache.james.NaiveDelegationStoreModule;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.modules.mailbox.MemoryDeadLetterModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.DefaultProcessorsConfigurationProviderModule;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.RawPostDequeueDecoratorModule;
import org.apache.james.modules.server.SieveRoutesModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.server.core.configuration.Configuration;

import com.google.inject.Module;
import com.google.inject.util.Modules;

import vn.congvu.mail.endpoint.EventLoopFramingSmtpModule;
import vn.congvu.mail.imap.CongVuImapModule;
import vn.congvu.mail.lookup.StaticRecordsModule;
import vn.congvu.mail.queue.FileQueueModule;
import vn.congvu.mail.quota.DefaultQuotaModule;
import vn.congvu.mail.storage.jdbc.JpaEntityManagerModule;

/**
 * The CongVu composition of James 3.8.1: the generic modules of the James distribution (protocols,
 * mailet container, WebAdmin, tasks, events) on our durable storage (JPA mailboxes and data,
 * a text index for SEARCH, a file queue). POP3 too (a mandatory protocol for state agencies, with our USER/PASS,
 * {@link vn.congvu.mail.pop3.Pop3Handlers}); no LMTP, ManageSieve or JMAP.
 * No JMX module: no RMI port and no jmxremote.password; administration is WebAdmin on loopback.
 */
public final class CongVuMailServer {

    private static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        // the line framer on the connection's event loop (EventLoopFramingSmtpServer)
        Modules.override(new SMTPServerModule()).with(new EventLoopFramingSmtpModule()),
        // IMAP answers in order even when a command ends before the event loop subscribed to it (InOrderResponses).
        Modules.override(new IMAPServerModule()).with(new CongVuImapModule()),
        new POP3ServerModule());

    private static final Module WEBADMIN = Modules.combine(
        new WebAdminServerModule(),
        new NoJwtModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        new InconsistencyQuotasSolvingRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new SieveRoutesModule());

    private static final Module STORAGE = Modules.combine(
        new JpaEntityManagerModule(),
        new JpaMailboxModule(),
        new JpaDataModule(),
        new IndexedSearchModule(),
        new FileQueueModule(),
        new DefaultQuotaModule());

    private static final Module SERVER = Modules.combine(
        new MailetProcessingModule(),
        new DefaultProcessorsConfigurationProviderModule(),
        new RawPostDequeueDecoratorModule(),
        new MailboxModule(),
        new DefaultEventModule(),
        new MemoryDeadLetterModule(),
        new NaiveDelegationStoreModule(),
        new TaskManagerModule());

    private CongVuMailServer() {
    }

    /**
     * {@code accounts}: {@link vn.congvu.mail.accounts.DirectoryAccountsModule} or
     * {@link vn.congvu.mail.accounts.LocalAccountsModule}, see {@link vn.congvu.mail.accounts.AccountsSource}.
     */
    public static GuiceJamesServer create(Configuration configuration, Module accounts) {
        return GuiceJamesServer.forConfiguration(configuration)
            .combineWith(SERVER, STORAGE, accounts, PROTOCOLS, WEBADMIN)
            // DNS records of config/james (peer domains off public DNS, tests) before James' resolver
            .overrideWith(new StaticRecordsModule());
    }
}
