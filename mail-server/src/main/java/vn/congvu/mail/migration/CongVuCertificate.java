package vn.congvu.mail.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * The mail server's own TLS certificate (self-signed unless replaced), written as PEM for mbsync, which checks
 * the CongVu side against it: the secret travels only to the server that holds this certificate's key.
 */
final class CongVuCertificate {
    private CongVuCertificate() {
    }

    static Path export(Path congvuHome, Path pem) throws IOException {
        Path tls = congvuHome.resolve("mail/var/tls");
        try (InputStream in = Files.newInputStream(tls.resolve("keystore.p12"))) {
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            keystore.load(in, Files.readString(tls.resolve("keystore.secret"), StandardCharsets.UTF_8).trim().toCharArray());
            Certificate certificate = keystore.getCertificate("congvu-mail");
            if (certificate == null) {
                throw new IOException("no certificate congvu-mail in " + tls.resolve("keystore.p12"));
            }
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
            return pem;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("the mail server's TLS certificate is not in " + tls
                + ": start the mail server once with this CONGVU_HOME, or give --to-ca", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the mail server's TLS keystore in " + tls + ": " + e.getMessage(), e);
        }
    }
}
