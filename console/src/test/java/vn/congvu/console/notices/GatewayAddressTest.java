package vn.congvu.console.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.congvu.directory.client.ConfigFiles;

/** Where the console forwards to: the gateway's address from its own config/gateway/application.yml. */
class GatewayAddressTest {

    @Test
    void theGatewaysDefaultPortOnLoopback() {
        assertEquals("http://127.0.0.1:8090/api/v1/notices?page=1",
                GatewayAddress.ofGateway(ConfigFiles.dir(), Map.of()).resolve("/api/v1/notices?page=1").toString());
    }

    @Test
    void itsVariablesWinAndOffLoopbackItIsHttps() {
        assertEquals("http://127.0.0.1:9090",
                GatewayAddress.ofGateway(ConfigFiles.dir(), Map.of("CONGVU_GATEWAY_PORT", "9090")).url().toString());
        assertEquals("https://10.1.2.3:8443", GatewayAddress.ofGateway(ConfigFiles.dir(),
                Map.of("CONGVU_GATEWAY_PORT", "8443", "CONGVU_GATEWAY_ADDRESS", "10.1.2.3")).url().toString());
        assertEquals("https://127.0.0.1:8090", GatewayAddress.ofGateway(ConfigFiles.dir(),
                Map.of("CONGVU_GATEWAY_ADDRESS", "0.0.0.0")).url().toString());
    }

    @Test
    void aConfiguredAddressLosesItsTrailingSlash() {
        assertEquals("https://sms.example.gov.vn/api/v1/notices",
                GatewayAddress.of("https://sms.example.gov.vn/").resolve("/api/v1/notices").toString());
    }
}
