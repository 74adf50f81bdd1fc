package vn.congvu.mail.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import vn.congvu.files.OwnerOnlyFiles;
import vn.congvu.tls.SelfSignedKeystore;

/**
 * The keystore every TLS listener uses (smtpserver.xml / imapserver.xml read it through the system
 * properties congvu.tls.keystore and congvu.tls.secret). Either the operator's PKCS12 file
 * ({@code CONGVU_TLS_KEYSTORE} + {@code CONGVU_TLS_KEYSTORE_PASSWORD}) or, on first start, a
 * self-signed certificate generated into the data directory, so TLS is on from the first run.
 */
public final class TlsKeystore {
    static final String KEYSTORE_PROPERTY = "congvu.tls.keystore";
    static final String SECRET_PROPERTY = "congvu.tls.secret";

    private final Path keystore;
    private final String secret;

    private TlsKeystore(Path keystore, String secret) {
        this.keystore = keystore;
        this.secret = secret;
    }

    public static TlsKeystore prepare(Map<String, String> environment, Path workingDirectory, String domain)
            throws IOException, InterruptedException {
        String configured = environment.get("CONGVU_TLS_KEYSTORE");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured).toAbsolutePath();
            String password = environment.get("CONGVU_TLS_KEYSTORE_PASSWORD");
            if (!Files.isReadable(path) || password == null) {
                throw new IllegalStateException("CONGVU_TLS_KEYSTORE must name a readable PKCS12 file and "
                    + "CONGVU_TLS_KEYSTORE_PASSWORD give its password");
            }
            return new TlsKeystore(path, password);
        }
        Path directory = workingDirectory.resolve("var/tls");
        Path keystore = directory.resolve("keystore.p12");
        Path secretFile = directory.resolve("keystore.secret");
        if (Files.isRegularFile(keystore) && Files.isRegularFile(secretFile)) {
            return new TlsKeystore(keystore, Files.readString(secretFile, StandardCharsets.UTF_8).trim());
        }
        return generateSelfSigned(directory, keystore, secretFile, domain);
    }

    private static TlsKeystore generateSelfSigned(Path directory, Path keystore, Path secretFile, String domain)
            throws IOException, InterruptedException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return generateSelfSigned(directory, keystore, secretFile, domain,
            Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    static TlsKeystore generateSelfSigned(Path directory, Path keystore, Path secretFile, String domain, String secret)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path partial = directory.resolve("keystore.p12.partial");
        new SelfSignedKeystore("congvu-mail", SelfSignedKeystore.RSA_2048, "CN=mail." + domain + ", O=CongVu",
            List.of("dns:mail." + domain, "dns:" + domain, "dns:localhost", "ip:127.0.0.1")).generate(partial, secret);
        // Secret first, keystore last: a crash in between leaves no keystore, so the next start regenerates both.
        OwnerOnlyFiles.replace(secretFile, secret);
        Files.move(partial, keystore);
        return new TlsKeystore(keystore, secret);
    }

    public void publish() {
        System.setProperty(KEYSTORE_PROPERTY, "file://" + keystore.toAbsolutePath());
        System.setProperty(SECRET_PROPERTY, secret);
    }

    public Path keystore() {
        return keystore;
    }
}
