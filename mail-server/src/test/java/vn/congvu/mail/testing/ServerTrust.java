package vn.congvu.mail.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients trust exactly the certificate the server generated on first start, nothing else. */
public final class ServerTrust {
    private ServerTrust() {
    }

    public static SSLContext trustingServerCertificate(Path keystore, String secret) throws Exception {
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverStore.load(in, secret.toCharArray());
        }
        Certificate certificate = serverStore.getCertificate("congvu-mail");
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("congvu-mail", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    public static SSLContext of(MailServerProcess server) throws Exception {
        return trustingServerCertificate(server.keystore(), server.keystoreSecret());
    }

    /** The server's certificate as PEM, for clients outside the JVM (Python, mbsync) to trust. */
    public static Path exportCertificate(MailServerProcess server, Path pem) throws Exception {
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.keystore())) {
            keystore.load(in, server.keystoreSecret().toCharArray());
        }
        byte[] der = keystore.getCertificate("congvu-mail").getEncoded();
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return pem;
    }
}
