package vn.congvu.console.notices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the console forwards the notices page and API: {@code console.gateway-url} when set, else the gateway's own
 * address and port from {@code config/gateway/application.yml} ({@code ${VAR:default}}: the variable when set, else
 * the default written there, the only place it is written).
 */
public record GatewayAddress(URI url) {

    /** From the gateway's configuration file, resolved against {@code env}. */
    public static GatewayAddress ofGateway(Path configDir, Map<String, String> env) {
        Path file = configDir.resolve("gateway/application.yml");
        String yml;
        try {
            yml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's address from " + file, e);
        }
        String port = setting(yml, "CONGVU_GATEWAY_PORT", env, file);
        String address = setting(yml, "CONGVU_GATEWAY_ADDRESS", env, file);
        if (address.startsWith("127.") || address.equals("localhost") || address.equals("::1")) {
            return new GatewayAddress(URI.create("http://127.0.0.1:" + port));
        }
        // off loopback the gateway serves HTTPS only (bound to every address, it is reached on this host)
        return new GatewayAddress(URI.create("https://" + (address.equals("0.0.0.0") ? "127.0.0.1" : address) + ":"
                + port));
    }

    /** A configured address, e.g. {@code https://sms.example.gov.vn:8090/}. */
    public static GatewayAddress of(String url) {
        return new GatewayAddress(URI.create(url.strip().replaceAll("/+$", "")));
    }

    /** The gateway's URL of {@code pathAndQuery} (which starts with a slash). */
    public URI resolve(String pathAndQuery) {
        return URI.create(url + pathAndQuery);
    }

    private static String setting(String yml, String variable, Map<String, String> env, Path file) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        Matcher m = Pattern.compile("\\$\\{" + variable + ":([^}]+)}").matcher(yml);
        if (!m.find()) {
            throw new IllegalStateException(file + " gives no default for " + variable);
        }
        return m.group(1).strip();
    }
}
