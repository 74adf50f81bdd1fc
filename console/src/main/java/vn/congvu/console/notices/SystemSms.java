package vn.congvu.console.notices;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMS from the system to one number through our gateway ({@code POST /internal/v1/system-messages}, the same
 * token the forwarding shows): the gateway stores it urgent, out of the notices history, and logs no text. Used for
 * password reset codes; the text is never logged here either.
 */
public class SystemSms {

    private static final Logger log = LoggerFactory.getLogger(SystemSms.class);

    private final HttpClient client;
    private final GatewayAddress gateway;
    private final GatewayToken token;
    private final Duration timeout;

    SystemSms(HttpClient client, GatewayAddress gateway, GatewayToken token, Duration timeout) {
        this.client = client;
        this.gateway = gateway;
        this.token = token;
        this.timeout = timeout;
    }

    /** True when the gateway stored it for sending. */
    public boolean send(String kind, String mobile, String text) {
        Optional<String> secret = token.current();
        if (secret.isEmpty()) {
            log.warn("system SMS ({}) not sent: the SMS gateway has not started yet", kind);
            return false;
        }
        String json = "{\"kind\":" + quoted(kind) + ",\"mobile\":" + quoted(mobile) + ",\"text\":" + quoted(text) + "}";
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve("/internal/v1/system-messages")).timeout(timeout)
                .header("Authorization", "Bearer " + secret.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 202) {
                log.warn("system SMS ({}) refused by the SMS gateway at {}: status {}", kind, gateway.url(), status);
            }
            return status == 202;
        } catch (IOException e) {
            log.warn("system SMS ({}) not sent: cannot reach the SMS gateway at {}: {}", kind, gateway.url(),
                    e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
