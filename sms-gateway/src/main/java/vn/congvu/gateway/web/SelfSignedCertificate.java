package vn.congvu.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made once on first start (with the JDK's keytool) and kept under
 * {@code $CONGVU_HOME/gateway/tls}, for a gateway bound off loopback without a configured certificate.
 */
final class SelfSignedCertificate {
    private static final String PASSWORD_VARIABLE = "CONGVU_GATEWAY_KEYSTORE_PASSWORD";

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
            Files.writeString(passwordFile(), password + "\n", StandardCharsets.UTF_8);
            privateFile(passwordFile());
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            // The password through keytool's environment: a command line is readable by every local user.
            ProcessBuilder run = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "congvu-gateway",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650",
                    "-dname", "CN=" + hostname + ", O=CongVu SMS gateway (self-signed)",
                    "-ext", "SAN=dns:" + hostname + ",dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keystore().toString(),
                    "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE))
                    .redirectErrorStream(true);
            run.environment().put(PASSWORD_VARIABLE, password);
            Process p = run.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                Files.deleteIfExists(keystore());
                Files.deleteIfExists(passwordFile());
                throw new IllegalStateException("keytool could not make the gateway certificate: " + output.strip());
            }
            privateFile(keystore());
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the gateway certificate under " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the gateway certificate", e);
        }
    }

    private static void privateFile(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: rely on the data directory's permissions
        }
    }
}
