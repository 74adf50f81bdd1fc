package vn.congvu.gateway.web;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congvu.tls.GeneratedCertificate;
import vn.congvu.tls.HttpsOffLoopback;

/** Off loopback the gateway serves HTTPS only; a generated certificate lives under {@code $CONGVU_HOME/gateway/tls}. */
@Configuration(proxyBeanMethods = false)
class HttpsConfiguration {

    @Bean
    HttpsOffLoopback httpsOffLoopback(@Value("${congvu.home:./data}") String home,
                                      @Value("${gateway.tls.hostname:}") String hostname) {
        return new HttpsOffLoopback(new GeneratedCertificate(Path.of(home, "gateway", "tls"), "gateway",
                "CongVu SMS gateway"), hostname);
    }
}
