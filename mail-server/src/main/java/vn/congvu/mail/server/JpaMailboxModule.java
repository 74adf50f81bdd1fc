package vn.congvu.mail.server;

import static org.apache.james.modules.Names.MAILBOXMANAGER_NAME;

import javax.inject.Inject;

import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.adapter.mailbox.UserRepositoryAuthorizator;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.jpa.JPAAttachmentContentLoader;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.JPAMailboxSessionMapperFactory;
import org.apache.james.mailbox.jpa.mail.JPAModSeqProvider;
import org.apache.james.mailbox.jpa.mail.JPAUidProvider;
import org.apache.james.mailbox.jpa.openjpa.OpenJPAMailboxManager;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.JVMMailboxPathLocker;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.mail.model.DefaultMessageId;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.ListeningCurrentQuotaUpdater;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.quota.search.QuotaSearcher;
import org.apache.james.quota.search.scanning.ScanningQuotaSearcher;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.MailboxManagerDefinition;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import vn.congvu.mail.login.DelayingAuthenticator;
import vn.congvu.mail.login.FailedLoginDelay;
import vn.congvu.mail.quota.CachedCurrentQuotaManager;
import vn.congvu.mail.quota.CachedJpaMaxQuotaManager;
import vn.congvu.mail.storage.append.GroupCommit;
import vn.congvu.mail.storage.append.GroupCommitMailboxManager;
import vn.congvu.mail.storage.jdbc.EntityIds;
import vn.congvu.mail.storage.jdbc.MailboxSequences;
import vn.congvu.mail.storage.jdbc.NewMessageRows;
import vn.congvu.mail.storage.read.IndexedMapperFactory;
import vn.congvu.mail.storage.read.MailboxRows;
import vn.congvu.mail.storage.read.StoredMessages;

/**
 * Mailboxes, messages, flags, UID/MODSEQ counters, subscriptions and quotas in the JPA store.
 * Thread ids: the naive algorithm (a fresh id per message) so delivery never scans the mailbox.
 * Appends to a mailbox are committed in batches ({@link GroupCommit}).
 */
// Not Modules.override(JPAMailboxModule): James 3.8.1 publishes that module only in the unpublished jpa-app.
public class JpaMailboxModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(IndexedMapperFactory.class).in(Scopes.SINGLETON);
        bind(StoredMessages.class).in(Scopes.SINGLETON);
        bind(MailboxRows.class).in(Scopes.SINGLETON);
        bind(MailboxSequences.class).in(Scopes.SINGLETON);
        bind(EntityIds.class).in(Scopes.SINGLETON);
        bind(NewMessageRows.class).in(Scopes.SINGLETON);
        bind(JPAMailboxSessionMapperFactory.class).to(IndexedMapperFactory.class);
        bind(GroupCommit.class).in(Scopes.SINGLETON);
        bind(GroupCommitMailboxManager.class).in(Scopes.SINGLETON);
        bind(OpenJPAMailboxManager.class).to(GroupCommitMailboxManager.class);
        bind(JVMMailboxPathLocker.class).in(Scopes.SINGLETON);
        bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
        bind(JPAModSeqProvider.class).in(Scopes.SINGLETON);
        bind(JPAUidProvider.class).in(Scopes.SINGLETON);
        bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
        bind(UserRepositoryAuthorizator.class).in(Scopes.SINGLETON);
        bind(JPAId.Factory.class).in(Scopes.SINGLETON);
        bind(DefaultMessageId.Factory.class).in(Scopes.SINGLETON);
        bind(NaiveThreadIdGuessingAlgorithm.class).in(Scopes.SINGLETON);
        bind(SessionProviderImpl.class).in(Scopes.SINGLETON);

        bind(SubscriptionMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
        bind(MessageMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
        bind(MailboxMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
        bind(MailboxSessionMapperFactory.class).to(JPAMailboxSessionMapperFactory.class);
        bind(MessageId.Factory.class).to(DefaultMessageId.Factory.class);
        bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);
        bind(ModSeqProvider.class).to(JPAModSeqProvider.class);
        bind(UidProvider.class).to(JPAUidProvider.class);
        bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
        bind(MailboxPathLocker.class).to(JVMMailboxPathLocker.class);
        bind(FailedLoginDelay.class).in(Scopes.SINGLETON);
        bind(Authenticator.class).to(DelayingAuthenticator.class);
        bind(Authorizator.class).to(UserRepositoryAuthorizator.class);
        bind(MailboxManager.class).to(OpenJPAMailboxManager.class);
        bind(StoreMailboxManager.class).to(OpenJPAMailboxManager.class);
        bind(SessionProvider.class).to(SessionProviderImpl.class);
        bind(MailboxId.Factory.class).to(JPAId.Factory.class);
        bind(AttachmentContentLoader.class).to(JPAAttachmentContentLoader.class);

        bindQuotas();

        Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class).addBinding().to(JpaMailboxManagerDefinition.class);
        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class)
            .addBinding().to(MailboxAnnotationListener.class);

        bind(MailboxManager.class).annotatedWith(Names.named(MAILBOXMANAGER_NAME)).to(MailboxManager.class);
        bind(MailboxManagerConfiguration.class).toInstance(MailboxManagerConfiguration.DEFAULT);

        Multibinder<UsernameChangeTaskStep> usernameChange = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChange.addBinding().to(MailboxUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(ACLUsernameChangeTaskStep.class);
        usernameChange.addBinding().to(QuotaUsernameChangeTaskStep.class);
    }

    private void bindQuotas() {
        bind(DefaultUserQuotaRootResolver.class).in(Scopes.SINGLETON);
        bind(CachedJpaMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(JPAPerUserMaxQuotaManager.class).to(CachedJpaMaxQuotaManager.class);
        bind(StoreQuotaManager.class).in(Scopes.SINGLETON);
        bind(CachedCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(ListeningCurrentQuotaUpdater.class).in(Scopes.SINGLETON);
        bind(ScanningQuotaSearcher.class).in(Scopes.SINGLETON);

        bind(UserQuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootDeserializer.class).to(DefaultUserQuotaRootResolver.class);
        bind(MaxQuotaManager.class).to(CachedJpaMaxQuotaManager.class);
        bind(QuotaManager.class).to(StoreQuotaManager.class);
        bind(CurrentQuotaManager.class).to(CachedCurrentQuotaManager.class);
        bind(QuotaUpdater.class).to(ListeningCurrentQuotaUpdater.class);
        bind(QuotaSearcher.class).to(ScanningQuotaSearcher.class);
        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding().to(ListeningCurrentQuotaUpdater.class);
    }

    @Singleton
    private static class JpaMailboxManagerDefinition extends MailboxManagerDefinition {
        @Inject
        private JpaMailboxManagerDefinition(OpenJPAMailboxManager manager) {
            super("jpa-mailboxmanager", manager);
        }
    }
}
