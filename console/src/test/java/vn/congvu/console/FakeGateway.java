package vn.congvu.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP peer on a free loopback port in place of the SMS gateway: it records what the console forwards (method,
 * path and query, headers, body) and answers with what the gateway would: 202 with a {@code Location} for a
 * notice, 400 with the gateway's JSON error for {@code /api/v1/notices/preview} with the text {@code "bad"}, 401
 * for a request without the token {@link #TOKEN}, 202 for a system message (a reset code), else 200 echoing the
 * body's length.
 */
public final class FakeGateway implements AutoCloseable {

    public static final String TOKEN = "console-test-token";

    /** One request as the gateway received it. */
    public record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static FakeGateway shared;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The peer of the whole test run. */
    public static synchronized FakeGateway shared() {
        if (shared == null) {
            try {
                shared = new FakeGateway();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        return received.get(received.size() - 1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        received.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                Map.copyOf(exchange.getRequestHeaders()), body));
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"error\":\"unauthorized\"}");
        } else if (path.equals("/api/v1/notices") && exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().add("Location", "/api/v1/notices/42");
            reply(exchange, 202, "{\"id\":42}");
        } else if (path.equals("/internal/v1/system-messages") && exchange.getRequestMethod().equals("POST")) {
            reply(exchange, 202, "{\"noticeId\":7}");
        } else if (path.equals("/api/v1/notices/preview") && new String(body, StandardCharsets.UTF_8).contains("\"bad\"")) {
            reply(exchange, 400, "{\"error\":\"text is empty\"}");
        } else {
            reply(exchange, 200, "{\"length\":" + body.length + "}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
