package vn.congvu.console.notices;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.congvu.console.signin.SignedInOfficial;

/**
 * The notices API on the console's port: the public API ({@code /api/v1/notices…}, {@code /api/v1/directory/search},
 * HTTP Basic) and the notices page's calls ({@code /web/…}, its session) go to the same path of the gateway's API,
 * once the console's security let a notice sender through. The console names the official to the gateway next to the
 * gateway's token; no password goes on. Bodies are streamed both ways; the gateway's status, JSON and
 * {@code Location} come back as they are.
 */
@RestController
class GatewayForwarding {

    /** Read by the gateway's {@code ConsoleForwarding}: the uid the console signed in. */
    static final String SENDER = "X-CongVu-Sender";

    private static final Logger log = LoggerFactory.getLogger(GatewayForwarding.class);
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Location", "Cache-Control",
            "Retry-After");

    private final HttpClient client;
    private final GatewayAddress gateway;
    private final GatewayToken token;
    private final Duration timeout;

    GatewayForwarding(HttpClient client, GatewayAddress gateway, GatewayToken token, Duration timeout) {
        this.client = client;
        this.gateway = gateway;
        this.token = token;
        this.timeout = timeout;
    }

    @RequestMapping({"/api/v1/notices", "/api/v1/notices/**", "/api/v1/directory/search"})
    void api(HttpServletRequest request, HttpServletResponse response, Authentication who) throws IOException {
        forward(request, response, who, request.getRequestURI());
    }

    /** The page's calls: the same API under the page's session. */
    @RequestMapping({"/web/notices", "/web/notices/**", "/web/directory/search"})
    void page(HttpServletRequest request, HttpServletResponse response, Authentication who) throws IOException {
        forward(request, response, who, "/api/v1" + request.getRequestURI().substring("/web".length()));
    }

    /** The page shows a banner while the gateway sends to its SMSC simulator: the gateway's health says so. */
    @GetMapping("/web/smsc")
    void smsc(HttpServletRequest request, HttpServletResponse response, Authentication who) throws IOException {
        forward(request, response, who, "/actuator/health");
    }

    private void forward(HttpServletRequest request, HttpServletResponse response, Authentication who, String path)
            throws IOException {
        Optional<String> secret = token.current();
        if (secret.isEmpty()) {
            unavailable(response, "the SMS gateway has not started yet");
            return;
        }
        String query = request.getQueryString();
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(gateway.resolve(path + (query == null ? "" : "?" + query)))
                .timeout(timeout)
                .header("Authorization", "Bearer " + secret.get())
                .header(SENDER, ((SignedInOfficial) who.getPrincipal()).uid())
                .method(request.getMethod(), body(request));
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                outgoing.header(name, value);
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(outgoing.build(), BodyHandlers.ofInputStream());
        } catch (IOException e) {
            log.warn("cannot reach the SMS gateway at {}: {}", gateway.url(), e.toString());
            unavailable(response, "the SMS gateway cannot be reached");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(response, "interrupted");
            return;
        }
        try (InputStream in = answer.body()) {
            if (answer.statusCode() == 401) {
                // the official was signed in here: a 401 there means the gateway does not take our token
                log.warn("the SMS gateway at {} refused the console's token", gateway.url());
                unavailable(response, "the SMS gateway refused the console");
                return;
            }
            response.setStatus(answer.statusCode());
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
            }
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    private static BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader("Transfer-Encoding") == null)) {
            return BodyPublishers.noBody();
        }
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return length > 0 ? BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static void unavailable(HttpServletResponse response, String why) throws IOException {
        response.setStatus(503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(("{\"error\":\"" + why + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
