package vn.congvu.mail.james;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients trust exactly the certificate the server generated on first start, nothing else. */
final class ServerTrust {
    private ServerTrust() {
    }

    static SSLContext trustingServerCertificate(Path keystore, String secret) throws Exception {
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

    static SSLContext of(MailServerProcess server) throws Exception {
        return trustingServerCertificate(server.keystore(), server.keystoreSecret());
    }
}
