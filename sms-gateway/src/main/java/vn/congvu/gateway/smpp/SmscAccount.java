package vn.congvu.gateway.smpp;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One SMPP account at one SMSC (usually one per telco).
 *
 * @param prefixes national mobile prefixes routed here ("032", "086", ...); empty for an account that
 *                 only takes the default route and failover
 * @param defaultRoute numbers matching no prefix (ported numbers too) go to the default account
 */
public record SmscAccount(
        String name,
        @DefaultValue("localhost") String host,
        int port,
        String systemId,
        String password,
        @DefaultValue("") String systemType,
        @DefaultValue("TRANSCEIVER") BindMode bind,
        @DefaultValue("10") int window,
        @DefaultValue("100") int tps,
        @DefaultValue("30s") Duration enquireLink,
        @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("10s") Duration bindTimeout,
        @DefaultValue("1s") Duration reconnectMin,
        @DefaultValue("60s") Duration reconnectMax,
        @DefaultValue("30s") Duration bindRefusedMin,
        @DefaultValue("200ms") Duration throttleMin,
        @DefaultValue("10s") Duration throttleMax,
        @DefaultValue List<String> prefixes,
        @DefaultValue("false") boolean defaultRoute) {

    public enum BindMode {
        /** One bind for submits and receipts. */
        TRANSCEIVER,
        /** A transmitter bind for submits and a receiver bind for receipts. */
        TRANSMITTER_RECEIVER
    }

    public SmscAccount {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("every SMSC account needs a name");
        }
        if (systemId == null || systemId.isBlank()) {
            throw new IllegalArgumentException("SMSC account " + name + " has no system-id");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMSC account " + name + ": port must be 1..65535, not " + port);
        }
        if (window < 1 || window > 1000) {
            throw new IllegalArgumentException("SMSC account " + name + ": window must be 1..1000, not " + window);
        }
        if (tps < 0) {
            throw new IllegalArgumentException("SMSC account " + name + ": tps must be >= 0 (0 = no limit)");
        }
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        systemType = systemType == null ? "" : systemType;
        password = password == null ? "" : password;
        // SMPP 3.4 C-Octet String limits (5.2.1–5.2.3, terminating NUL included): caught here with the account's
        // name, or every bind fails at the SMSC with no hint of why.
        requireFits(name, "system-id", systemId, 15);
        requireFits(name, "password", password, 8);
        requireFits(name, "system-type", systemType, 12);
    }

    private static void requireFits(String account, String field, String value, int maxChars) {
        if (value.length() > maxChars || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("SMSC account " + account + ": " + field + " must be at most " + maxChars
                    + " printable ASCII characters (SMPP 3.4); it has " + value.length()
                    + (field.equals("password") ? "" : ": '" + value + "'") + ". Use the credentials the telco issued.");
        }
    }

    @Override
    public String toString() {
        // never the password: accounts end up in logs
        return "SmscAccount[" + name + " " + systemId + "@" + host + ":" + port + " " + bind + "]";
    }
}
