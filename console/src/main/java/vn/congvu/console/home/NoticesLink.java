package vn.congvu.console.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gateway's notices page is, for the link notice senders get: {@code console.notices-url} when set, else
 * the gateway's own address and port from {@code config/gateway/application.yml} ({@code ${VAR:default}}: the
 * variable when set, else the default written there, the only place it is written).
 */
public record NoticesLink(String url) {

    /** From the gateway's configuration file, resolved against {@code env}. */
    public static NoticesLink ofGateway(Path configDir, Map<String, String> env) {
        Path file = configDir.resolve("gateway/application.yml");
        String yml;
        try {
            yml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's address from " + file, e);
        }
        String port = setting(yml, "CONGVU_HTTP_PORT", env, file);
        String address = setting(yml, "CONGVU_HTTP_ADDRESS", env, file);
        if (address.startsWith("127.") || address.equals("localhost") || address.equals("::1")) {
            return new NoticesLink("http://127.0.0.1:" + port + "/");
        }
        // off loopback the gateway serves HTTPS only
        return new NoticesLink("https://" + (address.equals("0.0.0.0") ? localHostName() : address) + ":" + port + "/");
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

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
