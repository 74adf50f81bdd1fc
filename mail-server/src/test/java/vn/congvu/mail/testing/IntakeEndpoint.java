package vn.congvu.mail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the SMS gateway's alert intake with its contract ({@code POST /internal/v1/alerts}, bearer
 * token, 202 with accepted/duplicates, one SMS per (Message-ID, mobile)), so the mail server's hand-over is
 * tested without a Spring Boot module in this one. The real pair is exercised by the end-to-end test.
 * Stoppable and restartable on the same port, like a gateway going down and coming back. In a static
 * {@code @RegisterExtension} field it is started before the class's first test and closed after its last.
 */
public final class IntakeEndpoint implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST that the token let in, and which numbers it would have sent an SMS to. */
    public record Post(JsonNode body, List<String> newMobiles) {
        public String messageId() {
            return body.get("messageId").asText();
        }
    }

    public final int port;
    private final String token;
    private final List<Post> posts = new ArrayList<>();
    private final Set<String> alerted = new HashSet<>();
    private int refused;
    private HttpServer server;

    public IntakeEndpoint(String token) {
        this.port = MailServerProcess.freePorts(1)[0];
        this.token = token;
    }

    public synchronized IntakeEndpoint start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/internal/v1/alerts", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!"POST".equals(exchange.getRequestMethod())
                || !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            synchronized (this) {
                refused++;
            }
            respond(exchange, 401, "");
            return;
        }
        JsonNode json = JSON.readTree(body);
        List<String> fresh = new ArrayList<>();
        int duplicates = 0;
        synchronized (this) {
            for (JsonNode recipient : json.get("recipients")) {
                String mobile = recipient.get("mobile").asText();
                if (alerted.add(json.get("messageId").asText() + "|" + mobile)) {
                    fresh.add(mobile);
                } else {
                    duplicates++;
                }
            }
            posts.add(new Post(json, fresh));
        }
        respond(exchange, 202, "{\"accepted\":" + fresh.size() + ",\"duplicates\":" + duplicates + "}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public synchronized List<Post> posts(String subjectContains) {
        return posts.stream().filter(p -> p.body().get("subject").asText().contains(subjectContains)).toList();
    }

    public synchronized int refused() {
        return refused;
    }
}
