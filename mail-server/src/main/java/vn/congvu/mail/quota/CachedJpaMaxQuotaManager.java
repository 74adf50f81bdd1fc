package vn.congvu.mail.quota;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.persistence.EntityManagerFactory;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaDAO;
import org.apache.james.mailbox.jpa.quota.JPAPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager.QuotaDetails;
import org.reactivestreams.Publisher;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * James' quota limits (per account, per domain, global) in the mail database, with each quota root's limits
 * remembered for a few seconds: every delivery checks them, four queries each time (6 % of delivery's CPU).
 * Any limit set through this server (WebAdmin, {@link DefaultQuota} at start) forgets them all; the expiry
 * bounds what a limit set by another server on the same database takes to apply.
 */
public class CachedJpaMaxQuotaManager extends JPAPerUserMaxQuotaManager {
    private static final Duration EXPIRY = Duration.ofSeconds(10);

    private final Cache<QuotaRoot, Map<Quota.Scope, QuotaCountLimit>> messages =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(50_000).build();
    private final Cache<QuotaRoot, Map<Quota.Scope, QuotaSizeLimit>> storage =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(50_000).build();
    private final Cache<QuotaRoot, QuotaDetails> details =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(50_000).build();
    /** Bumped by every change: a read that started before one must not be remembered. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    public CachedJpaMaxQuotaManager(EntityManagerFactory entityManagerFactory, JPAPerUserMaxQuotaDAO dao) {
        super(entityManagerFactory, dao);
    }

    /** What the quota check of every delivery asks (James' own answer reads the four limits without the above). */
    @Override
    public Publisher<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        return Mono.fromCallable(() -> Optional.ofNullable(details.getIfPresent(quotaRoot)))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(remembered -> remembered.map(Mono::just).orElseGet(() -> {
                long before = generation.get();
                return Mono.from(super.quotaDetailsReactive(quotaRoot)).doOnNext(read -> {
                    if (generation.get() == before) {
                        details.put(quotaRoot, read);
                    }
                });
            }));
    }

    @Override
    public Map<Quota.Scope, QuotaCountLimit> listMaxMessagesDetails(QuotaRoot quotaRoot) {
        Map<Quota.Scope, QuotaCountLimit> limits = messages.getIfPresent(quotaRoot);
        if (limits == null) {
            limits = Map.copyOf(super.listMaxMessagesDetails(quotaRoot));
            messages.put(quotaRoot, limits);
        }
        return limits;
    }

    @Override
    public Map<Quota.Scope, QuotaSizeLimit> listMaxStorageDetails(QuotaRoot quotaRoot) {
        Map<Quota.Scope, QuotaSizeLimit> limits = storage.getIfPresent(quotaRoot);
        if (limits == null) {
            limits = Map.copyOf(super.listMaxStorageDetails(quotaRoot));
            storage.put(quotaRoot, limits);
        }
        return limits;
    }

    @Override
    public void setMaxStorage(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        forgetAfter(() -> super.setMaxStorage(quotaRoot, limit));
    }

    @Override
    public Publisher<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit limit) {
        return forgetAfter(super.setMaxStorageReactive(quotaRoot, limit));
    }

    @Override
    public void setMaxMessage(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        forgetAfter(() -> super.setMaxMessage(quotaRoot, limit));
    }

    @Override
    public Publisher<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit limit) {
        return forgetAfter(super.setMaxMessageReactive(quotaRoot, limit));
    }

    @Override
    public void removeMaxStorage(QuotaRoot quotaRoot) {
        forgetAfter(() -> super.removeMaxStorage(quotaRoot));
    }

    @Override
    public Publisher<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return forgetAfter(super.removeMaxStorageReactive(quotaRoot));
    }

    @Override
    public void removeMaxMessage(QuotaRoot quotaRoot) {
        forgetAfter(() -> super.removeMaxMessage(quotaRoot));
    }

    @Override
    public Publisher<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return forgetAfter(super.removeMaxMessageReactive(quotaRoot));
    }

    @Override
    public void setDomainMaxMessage(Domain domain, QuotaCountLimit limit) {
        forgetAfter(() -> super.setDomainMaxMessage(domain, limit));
    }

    @Override
    public Publisher<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit limit) {
        return forgetAfter(super.setDomainMaxMessageReactive(domain, limit));
    }

    @Override
    public void setDomainMaxStorage(Domain domain, QuotaSizeLimit limit) {
        forgetAfter(() -> super.setDomainMaxStorage(domain, limit));
    }

    @Override
    public Publisher<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit limit) {
        return forgetAfter(super.setDomainMaxStorageReactive(domain, limit));
    }

    @Override
    public void removeDomainMaxMessage(Domain domain) {
        forgetAfter(() -> super.removeDomainMaxMessage(domain));
    }

    @Override
    public Publisher<Void> removeDomainMaxMessageReactive(Domain domain) {
        return forgetAfter(super.removeDomainMaxMessageReactive(domain));
    }

    @Override
    public void removeDomainMaxStorage(Domain domain) {
        forgetAfter(() -> super.removeDomainMaxStorage(domain));
    }

    @Override
    public Publisher<Void> removeDomainMaxStorageReactive(Domain domain) {
        return forgetAfter(super.removeDomainMaxStorageReactive(domain));
    }

    @Override
    public void setGlobalMaxStorage(QuotaSizeLimit limit) {
        forgetAfter(() -> super.setGlobalMaxStorage(limit));
    }

    @Override
    public Publisher<Void> setGlobalMaxStorageReactive(QuotaSizeLimit limit) {
        return forgetAfter(super.setGlobalMaxStorageReactive(limit));
    }

    @Override
    public void setGlobalMaxMessage(QuotaCountLimit limit) {
        forgetAfter(() -> super.setGlobalMaxMessage(limit));
    }

    @Override
    public Publisher<Void> setGlobalMaxMessageReactive(QuotaCountLimit limit) {
        return forgetAfter(super.setGlobalMaxMessageReactive(limit));
    }

    @Override
    public void removeGlobalMaxStorage() {
        forgetAfter(() -> super.removeGlobalMaxStorage());
    }

    @Override
    public Publisher<Void> removeGlobalMaxStorageReactive() {
        return forgetAfter(super.removeGlobalMaxStorageReactive());
    }

    @Override
    public void removeGlobalMaxMessage() {
        forgetAfter(() -> super.removeGlobalMaxMessage());
    }

    @Override
    public Publisher<Void> removeGlobalMaxMessageReactive() {
        return forgetAfter(super.removeGlobalMaxMessageReactive());
    }

    private void forgetAfter(Runnable change) {
        try {
            change.run();
        } finally {
            forgetAll();
        }
    }

    private Publisher<Void> forgetAfter(Publisher<Void> change) {
        return Mono.from(change).doFinally(signal -> forgetAll());
    }

    private void forgetAll() {
        generation.incrementAndGet();
        messages.invalidateAll();
        storage.invalidateAll();
        details.invalidateAll();
    }
}
