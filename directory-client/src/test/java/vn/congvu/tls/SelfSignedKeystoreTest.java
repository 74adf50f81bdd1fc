package vn.congvu.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedKeystoreTest {

    @TempDir
    Path dir;

    /** A secret starting with "-J" was once read by keytool as a JVM option: it goes through the environment. */
    @Test
    void anEcKeyUnderADashSecretInA600Keystore() throws Exception {
        Path file = dir.resolve("gateway.p12");
        String secret = "-Jx0aB7";
        new SelfSignedKeystore("congvu-gateway", SelfSignedKeystore.EC_P256, "CN=sms.example.gov.vn, O=CongVu",
                List.of("dns:sms.example.gov.vn", "ip:127.0.0.1")).generate(file, secret);

        KeyStore loaded = KeyStore.getInstance(file.toFile(), secret.toCharArray());
        X509Certificate certificate = (X509Certificate) loaded.getCertificate("congvu-gateway");
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), "self-signed");
        assertTrue(certificate.getSubjectAlternativeNames().toString().contains("sms.example.gov.vn"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedRunLeavesNoKeystore() throws Exception {
        Path file = dir.resolve("broken.p12");
        Files.writeString(file, "left over");
        SelfSignedKeystore broken = new SelfSignedKeystore("x", SelfSignedKeystore.RSA_2048, "CN=x",
                List.of("nonsense:x"));
        assertThrows(IOException.class, () -> broken.generate(file, "secret-1"));
        assertFalse(Files.exists(file));
    }
}
