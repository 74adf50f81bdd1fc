package vn.congvu.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Directory passwords cross the console's and the gateway's HTTP ports: bound anywhere but loopback, a port serves
 * HTTPS only, on {@code server.ssl.*} when configured, else on a {@link GeneratedCertificate}. The two web processes
 * declare it as a bean; Spring Boot is an optional dependency of this module, so the mail server does not get it.
 */
public final class HttpsOffLoopback implements WebServerFactoryCustomizer<AbstractConfigurableWebServerFactory>,
        Ordered {

    private static final Logger log = LoggerFactory.getLogger(HttpsOffLoopback.class);

    private final GeneratedCertificate certificate;
    private final String hostname;

    /** @param hostname the name in a generated certificate; blank: the bound address, or this host's name */
    public HttpsOffLoopback(GeneratedCertificate certificate, String hostname) {
        this.certificate = certificate;
        this.hostname = hostname == null ? "" : hostname.strip();
    }

    @Override
    public void customize(AbstractConfigurableWebServerFactory factory) {
        InetAddress address = factory.getAddress();
        boolean configured = factory.getSsl() != null && factory.getSsl().isEnabled();
        if (configured || (address != null && address.isLoopbackAddress())) {
            return;
        }
        String name = hostname.isEmpty() ? nameOf(address) : hostname;
        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(certificate.password(name));
        ssl.setKeyStore(certificate.keystore().toAbsolutePath().toString());
        ssl.setKeyAlias(certificate.alias());
        factory.setSsl(ssl);
        log.warn("bound to {} (not loopback): HTTPS only, with the self-signed certificate {} for {};"
                + " set server.ssl.* for a real one", address == null ? "all addresses" : address.getHostAddress(),
                certificate.keystore().toAbsolutePath(), name);
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
