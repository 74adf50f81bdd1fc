package vn.congvu.mail.lookup;

import org.apache.james.dnsservice.api.DNSService;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/** Binds {@link StaticRecordsDnsService} as James' DNSService (over James' DNSServiceModule). */
public class StaticRecordsModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(StaticRecordsDnsService.class).in(Scopes.SINGLETON);
        bind(DNSService.class).to(StaticRecordsDnsService.class);
    }
}
