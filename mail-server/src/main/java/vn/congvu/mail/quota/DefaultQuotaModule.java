package vn.congvu.mail.quota;

import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.ProvidesIntoSet;

/** Applies {@link DefaultQuota} when the server starts. */
public class DefaultQuotaModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DefaultQuota.class).in(Scopes.SINGLETON);
    }

    @ProvidesIntoSet
    InitializationOperation applyDefaultQuota(DefaultQuota defaultQuota) {
        return InitilizationOperationBuilder
            .forClass(DefaultQuota.class)
            .init(defaultQuota::apply);
    }
}
