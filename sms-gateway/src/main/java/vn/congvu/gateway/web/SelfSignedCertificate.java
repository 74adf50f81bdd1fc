package vn.congvu.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import vn.congvu.files.OwnerOnlyFiles;
import vn.congvu.tls.SelfSignedKeystore;

/**
 * A self-signed certificate made once on first start (with the JDK's keytool) and kept under
 * {@code $CONGVU_HOME/gateway/tls}, for a gateway bound off loopback without a configured certificate.
 */
final class SelfSignedCertificate {
    private final Path dir;

    SelfSignedCertificate(Path dir) {
        this.dir = dir;
    }

    Path keystore() {
        return dir.resolve("gateway.p12");
    }

    Path passwordFile() {
        return dir.resolve("gateway.p12.password");
    }

    /** @return the keystore password; the keystore exists afterwards */
    synchronized String ensure(String hostname) {
        try {
            if (Files.isRegularFile(keystore()) && Files.isRegularFile(passwordFile())) {
                return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dir);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            OwnerOnlyFiles.replace(passwordFile(), password + "\n");
            try {
                new SelfSignedKeystore("congvu-gateway", SelfSignedKeystore.EC_P256,
                        "CN=" + hostname + ", O=CongVu SMS gateway (self-signed)",
                        List.of("dns:" + hostname, "dns:localhost", "ip:127.0.0.1")).generate(keystore(), password);
            } catch (IOException e) {
                Files.deleteIfExists(passwordFile());
                throw e;
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the gateway certificate under " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the gateway certificate", e);
        }
    }
}
