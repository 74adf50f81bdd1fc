package vn.congvu.mail.server;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.CoreDataModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.jpa.JPADomainList;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.file.FileMailRepository;
import org.apache.james.mailrepository.jpa.JPAMailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.jpa.JPARecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.sieve.jpa.JPASieveRepository;
import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.common.collect.ImmutableList;
import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

import vn.congvu.mail.delivery.CachedJpaSieveRepository;
import vn.congvu.mail.recipients.CachedJpaRecipientRewriteTable;
import vn.congvu.mail.submission.GroupSenders;

/**
 * Domain list, recipient rewrite table and sieve scripts in the same JPA store as the mailboxes, so
 * nothing the server accepted lives only in memory. Mail repositories (error, relay-denied...) are
 * {@code file://} repositories under var/mail.
 */
// Not Modules.override(JPADataModule): James 3.8.1 publishes that module only in the unpublished jpa-app.
public class JpaDataModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new CoreDataModule());

        bind(JPADomainList.class).in(Scopes.SINGLETON);
        bind(DomainList.class).to(JPADomainList.class);

        bind(CachedJpaRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(JPARecipientRewriteTable.class).to(CachedJpaRecipientRewriteTable.class);
        bind(RecipientRewriteTable.class).to(CachedJpaRecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(GroupSenders.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(GroupSenders.class); // aliases and the groups an official belongs to

        bind(CachedJpaSieveRepository.class).in(Scopes.SINGLETON);
        bind(JPASieveRepository.class).to(CachedJpaSieveRepository.class);
        bind(SieveRepository.class).to(CachedJpaSieveRepository.class);
        bind(SieveQuotaRepository.class).to(CachedJpaSieveRepository.class);

        // Which mail repositories exist is kept here; the repositories themselves are files
        // (mailrepositorystore.xml): 3.8.1's JPA mail repository cannot store ordinary failed mails.
        bind(JPAMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(JPAMailRepositoryUrlStore.class);
        bind(MailRepositoryStoreConfiguration.Item.class)
            .toProvider(() -> new MailRepositoryStoreConfiguration.Item(
                ImmutableList.of(new Protocol("file")),
                FileMailRepository.class.getName(),
                new BaseHierarchicalConfiguration()));
    }

    @ProvidesIntoSet
    InitializationOperation configureDomainList(DomainListConfiguration configuration, JPADomainList domainList) {
        return InitilizationOperationBuilder
            .forClass(JPADomainList.class)
            .init(() -> {
                domainList.configure(configuration);
                // With read.cache on, configure() caches "not ours" for a domain it is about to add on a
                // first start; listing the domains caches them as ours.
                domainList.getDomains();
            });
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewriteTable(ConfigurationProvider configurationProvider,
                                                           CachedJpaRecipientRewriteTable recipientRewriteTable) {
        return InitilizationOperationBuilder
            .forClass(CachedJpaRecipientRewriteTable.class)
            .init(() -> recipientRewriteTable.configure(configurationProvider.getConfiguration("recipientrewritetable")));
    }
}
