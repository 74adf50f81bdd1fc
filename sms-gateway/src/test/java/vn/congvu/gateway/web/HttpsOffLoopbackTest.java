package vn.congvu.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;

class HttpsOffLoopbackTest {

    @Test
    void loopbackStaysPlainHttp(@TempDir Path home) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("127.0.0.1"));
        new HttpsOffLoopback(home.toString(), "").customize(factory);
        assertNull(factory.getSsl());
        assertTrue(!Files.exists(home.resolve("gateway/tls")));
    }

    @Test
    void anyOtherAddressGetsHttpsWithACertificateMadeOnceAndKept(@TempDir Path home) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("0.0.0.0"));
        new HttpsOffLoopback(home.toString(), "sms.example.gov.vn").customize(factory);
        Ssl ssl = factory.getSsl();
        assertTrue(ssl.isEnabled());
        Path keystore = home.resolve("gateway/tls/gateway.p12");
        assertEquals(keystore.toAbsolutePath().toString(), ssl.getKeyStore());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, ssl.getKeyStorePassword().toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("congvu-gateway");
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=sms.example.gov.vn"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));

        long made = Files.getLastModifiedTime(keystore).toMillis();
        TomcatServletWebServerFactory again = new TomcatServletWebServerFactory();
        new HttpsOffLoopback(home.toString(), "sms.example.gov.vn").customize(again); // null address = all interfaces
        assertEquals(ssl.getKeyStorePassword(), again.getSsl().getKeyStorePassword());
        assertEquals(made, Files.getLastModifiedTime(keystore).toMillis(), "reused, not regenerated");
    }

    @Test
    void aConfiguredCertificateIsLeftAlone(@TempDir Path home) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        factory.setAddress(InetAddress.getByName("0.0.0.0"));
        Ssl mine = new Ssl();
        mine.setKeyStore("/etc/congvu/real.p12");
        factory.setSsl(mine);
        new HttpsOffLoopback(home.toString(), "").customize(factory);
        assertEquals("/etc/congvu/real.p12", factory.getSsl().getKeyStore());
    }
}
