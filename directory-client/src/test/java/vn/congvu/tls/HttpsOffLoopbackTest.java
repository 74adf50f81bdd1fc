package vn.congvu.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;

class HttpsOffLoopbackTest {

    private static AbstractConfigurableWebServerFactory boundTo(String address) throws Exception {
        AbstractConfigurableWebServerFactory factory = new AbstractConfigurableWebServerFactory() {
        };
        factory.setAddress(address == null ? null : InetAddress.getByName(address));
        return factory;
    }

    private static HttpsOffLoopback console(Path home, String hostname) {
        return new HttpsOffLoopback(new GeneratedCertificate(home.resolve("console/tls"), "console", "CongVu console"),
                hostname);
    }

    @Test
    void loopbackStaysPlainHttp(@TempDir Path home) throws Exception {
        AbstractConfigurableWebServerFactory factory = boundTo("127.0.0.1");
        console(home, "").customize(factory);
        assertNull(factory.getSsl());
        assertFalse(Files.exists(home.resolve("console/tls")));
    }

    @Test
    void anyOtherAddressGetsHttpsWithACertificateMadeOnceAndKept(@TempDir Path home) throws Exception {
        AbstractConfigurableWebServerFactory factory = boundTo("0.0.0.0");
        console(home, "congvu.example.gov.vn").customize(factory);
        Ssl ssl = factory.getSsl();
        assertTrue(ssl.isEnabled());
        Path keystore = home.resolve("console/tls/console.p12");
        assertEquals(keystore.toAbsolutePath().toString(), ssl.getKeyStore());
        assertEquals("congvu-console", ssl.getKeyAlias());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, ssl.getKeyStorePassword().toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("congvu-console");
        assertTrue(cert.getSubjectX500Principal().getName().contains("CN=congvu.example.gov.vn"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("console/tls/console.p12.password"))));

        long made = Files.getLastModifiedTime(keystore).toMillis();
        AbstractConfigurableWebServerFactory again = boundTo(null); // all interfaces
        console(home, "congvu.example.gov.vn").customize(again);
        assertEquals(ssl.getKeyStorePassword(), again.getSsl().getKeyStorePassword());
        assertEquals(made, Files.getLastModifiedTime(keystore).toMillis(), "reused, not regenerated");
    }

    @Test
    void aConfiguredCertificateIsLeftAlone(@TempDir Path home) throws Exception {
        AbstractConfigurableWebServerFactory factory = boundTo("0.0.0.0");
        Ssl mine = new Ssl();
        mine.setKeyStore("/etc/congvu/real.p12");
        factory.setSsl(mine);
        console(home, "").customize(factory);
        assertEquals("/etc/congvu/real.p12", factory.getSsl().getKeyStore());
        assertFalse(Files.exists(home.resolve("console/tls")));
    }
}
