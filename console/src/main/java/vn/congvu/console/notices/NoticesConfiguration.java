package vn.congvu.console.notices;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.directory.client.ConfigFiles;

/** Where the gateway is and how the console proves to it that it is the console, read at start. */
@Configuration(proxyBeanMethods = false)
class NoticesConfiguration {

    @Bean
    GatewayForwarding gatewayForwarding(@Value("${console.gateway-url:}") String configured,
                                        @Value("${console.gateway-token:}") String token,
                                        @Value("${congvu.home:./data}") String home,
                                        @Value("${console.gateway-timeout}") Duration timeout) {
        GatewayAddress gateway = configured.isBlank() ? GatewayAddress.ofGateway(ConfigFiles.dir(), System.getenv())
                : GatewayAddress.of(configured);
        // HTTP/1.1: no h2c upgrade dance with the gateway's Tomcat on every request
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new GatewayForwarding(client, gateway, new GatewayToken(token, Path.of(home)), timeout);
    }
}
