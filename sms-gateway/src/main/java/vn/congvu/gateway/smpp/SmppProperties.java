package vn.congvu.gateway.smpp;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMPP settings, from {@code gateway.smpp} in config/gateway/application.yml.
 *
 * @param validity how long the SMSC should try to deliver; also how long we wait for a receipt before a
 *                 message shows as "sent, no receipt"
 */
@ConfigurationProperties("gateway.smpp")
public record SmppProperties(
        @DefaultValue("CONGVU") String brandname,
        @DefaultValue("true") boolean requestReceipts,
        @DefaultValue("24h") Duration validity,
        @DefaultValue("true") boolean enabled,
        List<SmscAccount> accounts) {

    public SmppProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
