package vn.congvu.mail.quota;

import java.io.FileNotFoundException;

import javax.inject.Inject;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.util.Size;
import org.apache.james.utils.PropertiesProvider;

/**
 * The default quota of every account, from quota.properties, written at each start into James'
 * global limits (which James otherwise only lets WebAdmin set). Per-account limits set through
 * WebAdmin ({@code PUT /quota/users/{mail}/size}) take precedence; IMAP QUOTA reports the result.
 */
public class DefaultQuota implements Startable {
    private final PropertiesProvider propertiesProvider;
    private final MaxQuotaManager quotas;

    @Inject
    public DefaultQuota(PropertiesProvider propertiesProvider, MaxQuotaManager quotas) {
        this.propertiesProvider = propertiesProvider;
        this.quotas = quotas;
    }

    public void apply() throws ConfigurationException, MailboxException {
        Configuration configuration = configuration();
        String storage = configuration.getString("default.storage", "unlimited").trim();
        String messages = configuration.getString("default.messages", "unlimited").trim();
        quotas.setGlobalMaxStorage(isUnlimited(storage)
            ? QuotaSizeLimit.unlimited() : QuotaSizeLimit.size(Size.parse(storage).asBytes()));
        quotas.setGlobalMaxMessage(isUnlimited(messages)
            ? QuotaCountLimit.unlimited() : QuotaCountLimit.count(Long.parseLong(messages)));
    }

    private Configuration configuration() throws ConfigurationException {
        try {
            return propertiesProvider.getConfiguration("quota");
        } catch (FileNotFoundException e) {
            return new BaseConfiguration();
        }
    }

    private static boolean isUnlimited(String value) {
        return value.isEmpty() || value.equalsIgnoreCase("unlimited");
    }
}
