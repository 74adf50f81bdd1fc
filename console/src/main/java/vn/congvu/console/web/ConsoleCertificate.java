package vn.congvu.console.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import vn.congvu.files.OwnerOnlyFiles;
import vn.congvu.tls.SelfSignedKeystore;

/**
 * The console's self-signed certificate, made on the first start off loopback without {@code server.ssl.*} and
 * kept under {@code $CONGVU_HOME/console/tls}: the keystore and its random password, both owner-only.
 */
final class ConsoleCertificate {

    static final String ALIAS = "congvu-console";

    private final Path keystore;
    private final Path secret;

    ConsoleCertificate(Path home) {
        Path dir = home.resolve("console").resolve("tls");
        this.keystore = dir.resolve("console.p12");
        this.secret = dir.resolve("console.p12.password");
    }

    Path keystore() {
        return keystore;
    }

    /** The keystore's password; made with the keystore the first time. */
    synchronized String password(String hostname) {
        try {
            if (Files.isRegularFile(secret) && Files.isRegularFile(keystore)) {
                return Files.readString(secret, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(keystore.getParent());
            byte[] bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            new SelfSignedKeystore(ALIAS, SelfSignedKeystore.EC_P256, "CN=" + hostname + ", O=CongVu console",
                    List.of("dns:" + hostname, "dns:localhost", "ip:127.0.0.1")).generate(keystore, made);
            OwnerOnlyFiles.replace(secret, made + "\n");
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the console's certificate " + keystore, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the console's certificate", e);
        }
    }
}
