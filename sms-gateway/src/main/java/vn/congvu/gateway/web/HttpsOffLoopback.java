package vn.congvu.gateway.web;

import java.net.InetAddress;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * The API carries LDAP passwords: off loopback it is HTTPS only. With no certificate configured
 * (server.ssl.*), a self-signed one is generated on first start and reused afterwards.
 */
@Component
class HttpsOffLoopback implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(HttpsOffLoopback.class);

    private final SelfSignedCertificate certificate;
    private final String hostname;

    HttpsOffLoopback(@Value("${congvu.home:./data}") String home, @Value("${gateway.tls.hostname:}") String hostname) {
        this.certificate = new SelfSignedCertificate(Path.of(home, "gateway", "tls"));
        this.hostname = hostname;
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        InetAddress address = factory.getAddress();
        if (address != null && address.isLoopbackAddress()) {
            return;
        }
        Ssl configured = factory.getSsl();
        if (configured != null && configured.isEnabled()) {
            return;
        }
        String host = !hostname.isBlank() ? hostname : address == null || address.isAnyLocalAddress()
                ? localHostName() : address.getHostAddress();
        String password = certificate.ensure(host);
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setKeyStore(certificate.keystore().toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(password);
        ssl.setKeyAlias("congvu-gateway");
        factory.setSsl(ssl);
        log.warn("HTTP bound to {} (not loopback): serving HTTPS only, with the self-signed certificate {};"
                + " set server.ssl.* for a real one", address == null ? "all addresses" : address.getHostAddress(),
                certificate.keystore().toAbsolutePath());
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot applied server.address and server.ssl
    }
}
