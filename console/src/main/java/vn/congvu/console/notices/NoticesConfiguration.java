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
    GatewayAddress gatewayAddress(@Value("${console.gateway-url:}") String configured) {
        return configured.isBlank() ? GatewayAddress.ofGateway(ConfigFiles.dir(), System.getenv())
                : GatewayAddress.of(configured);
    }

    @Bean
    GatewayToken gatewayToken(@Value("${console.gateway-token:}") String token,
                              @Value("${congvu.home:./data}") String home) {
        return new GatewayToken(token, Path.of(home));
    }

    /** HTTP/1.1: no h2c upgrade dance with the gateway's Tomcat on every request. */
    @Bean
    HttpClient gatewayClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Bean
    GatewayForwarding gatewayForwarding(HttpClient gatewayClient, GatewayAddress gateway, GatewayToken token,
                                        @Value("${console.gateway-timeout}") Duration timeout) {
        return new GatewayForwarding(gatewayClient, gateway, token, timeout);
    }

    @Bean
    SystemSms systemSms(HttpClient gatewayClient, GatewayAddress gateway, GatewayToken token,
                        @Value("${console.gateway-timeout}") Duration timeout) {
        return new SystemSms(gatewayClient, gateway, token, timeout);
    }
}
