package vn.congvu.console.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import vn.congvu.console.signin.SignedInOfficial;

/** A gateway that is down, or not started yet, is a 503 with a JSON reason, never a hanging request. */
class GatewayForwardingTest {

    private static final UsernamePasswordAuthenticationToken SENDER = UsernamePasswordAuthenticationToken
            .authenticated(new SignedInOfficial("hoa.tt", "uid=hoa.tt"), null, List.of());

    @Test
    void aGatewayThatIsDownIsA503WithTheReason(@TempDir Path home) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        GatewayForwarding forwarding = new GatewayForwarding(HttpClient.newHttpClient(),
                GatewayAddress.of("http://127.0.0.1:" + closed), new GatewayToken("t", home), Duration.ofSeconds(5));
        MockHttpServletResponse response = new MockHttpServletResponse();
        forwarding.api(new MockHttpServletRequest("GET", "/api/v1/notices"), response, SENDER);
        assertEquals(503, response.getStatus());
        assertEquals("{\"error\":\"the SMS gateway cannot be reached\"}", response.getContentAsString());
    }

    @Test
    void beforeTheGatewayWroteItsTokenItIsA503(@TempDir Path home) throws Exception {
        GatewayForwarding forwarding = new GatewayForwarding(HttpClient.newHttpClient(),
                GatewayAddress.of("http://127.0.0.1:9"), new GatewayToken("", home), Duration.ofSeconds(5));
        MockHttpServletResponse response = new MockHttpServletResponse();
        forwarding.api(new MockHttpServletRequest("GET", "/api/v1/notices"), response, SENDER);
        assertEquals(503, response.getStatus());
        assertEquals("{\"error\":\"the SMS gateway has not started yet\"}", response.getContentAsString());
    }
}
