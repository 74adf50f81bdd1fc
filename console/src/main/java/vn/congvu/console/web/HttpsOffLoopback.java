package vn.congvu.console.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * Directory passwords cross the console's forms and API: bound anywhere but loopback it serves HTTPS only, on
 * {@code server.ssl.*} when configured, else on a self-signed certificate made on first start.
 */
@Component
class HttpsOffLoopback implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(HttpsOffLoopback.class);

    private final ConsoleCertificate certificate;
    private final String hostname;

    HttpsOffLoopback(@Value("${congvu.home:./data}") String home, @Value("${console.tls.hostname:}") String hostname) {
        this.certificate = new ConsoleCertificate(Path.of(home));
        this.hostname = hostname;
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        InetAddress address = factory.getAddress();
        boolean configured = factory.getSsl() != null && factory.getSsl().isEnabled();
        if (configured || (address != null && address.isLoopbackAddress())) {
            return;
        }
        String name = hostname.isBlank() ? nameOf(address) : hostname;
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(certificate.password(name));
        ssl.setKeyStore(certificate.keystore().toAbsolutePath().toString());
        ssl.setKeyAlias(ConsoleCertificate.ALIAS);
        factory.setSsl(ssl);
        log.warn("console bound off loopback: HTTPS only, self-signed certificate {} for {}"
                + " (set server.ssl.* for a real one)", certificate.keystore().toAbsolutePath(), name);
    }

    private static String nameOf(InetAddress address) {
        if (address != null && !address.isAnyLocalAddress()) {
            return address.getHostAddress();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Boot applied server.address and server.ssl
    }
}
