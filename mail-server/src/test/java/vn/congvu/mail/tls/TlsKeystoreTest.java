package vn.congvu.mail.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsKeystoreTest {
    @TempDir
    Path directory;

    /** A random URL-safe secret starts with "-" once in 32 starts; "-J..." was read by keytool as a JVM option. */
    @Test
    void aSecretStartingWithADashStillMakesAKeystore() throws Exception {
        String secret = "-JwYpTu4qZfLUTybrlWLGUd0wFDoLLOl";
        TlsKeystore generated = TlsKeystore.generateSelfSigned(directory, directory.resolve("keystore.p12"),
            directory.resolve("keystore.secret"), "example.gov.vn", secret);

        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(generated.keystore())) {
            keystore.load(in, secret.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) keystore.getCertificate("congvu-mail");
        assertTrue(certificate.getSubjectX500Principal().getName().contains("CN=mail.example.gov.vn"),
            certificate.getSubjectX500Principal().getName());
        assertEquals(secret, Files.readString(directory.resolve("keystore.secret")));
    }
}
