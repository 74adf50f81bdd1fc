package vn.congvu.console.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.client.ConfigFiles;

/** The notices page's address from the gateway's own config/gateway/application.yml. */
class NoticesLinkTest {

    @Test
    void theGatewaysDefaultPortOnLoopback() {
        assertEquals("http://127.0.0.1:8080/", NoticesLink.ofGateway(ConfigFiles.dir(), Map.of()).url());
    }

    @Test
    void itsVariablesWinAndOffLoopbackItIsHttps() {
        assertEquals("http://127.0.0.1:9090/",
                NoticesLink.ofGateway(ConfigFiles.dir(), Map.of("CONGVU_HTTP_PORT", "9090")).url());
        assertEquals("https://10.1.2.3:8443/", NoticesLink.ofGateway(ConfigFiles.dir(),
                Map.of("CONGVU_HTTP_PORT", "8443", "CONGVU_HTTP_ADDRESS", "10.1.2.3")).url());
        assertTrue(NoticesLink.ofGateway(ConfigFiles.dir(), Map.of("CONGVU_HTTP_ADDRESS", "0.0.0.0")).url()
                .startsWith("https://"));
    }
}
