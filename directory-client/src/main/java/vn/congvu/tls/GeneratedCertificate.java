package vn.congvu.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * The self-signed certificate of a web port bound off loopback without a configured one: a keystore
 * {@code <dir>/<name>.p12} and its random password in {@code <name>.p12.password}, both owner-only, made on the first
 * start and reused afterwards so browsers that accepted it once keep accepting it.
 */
public final class GeneratedCertificate {

    private final Path keystore;
    private final Path passwordFile;
    private final String alias;
    private final String organisation;

    /**
     * @param dir where both files live, e.g. {@code $CONGVU_HOME/console/tls}
     * @param name the process, e.g. {@code console}: file names, the alias {@code congvu-<name>}
     * @param organisation the certificate's O=, e.g. {@code CongVu console}
     */
    public GeneratedCertificate(Path dir, String name, String organisation) {
        this.keystore = dir.resolve(name + ".p12");
        this.passwordFile = dir.resolve(name + ".p12.password");
        this.alias = "congvu-" + name;
        this.organisation = organisation;
    }

    public Path keystore() {
        return keystore;
    }

    public String alias() {
        return alias;
    }

    /** The keystore's password; the keystore is made for {@code hostname} the first time. */
    public synchronized String password(String hostname) {
        try {
            if (Files.isRegularFile(keystore) && Files.isRegularFile(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(keystore.getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            new SelfSignedKeystore(alias, SelfSignedKeystore.EC_P256,
                    "CN=" + hostname + ", O=" + organisation + " (self-signed)",
                    List.of("dns:" + hostname, "dns:localhost", "ip:127.0.0.1")).generate(keystore, password);
            // the password file last: a keystore without it is made again on the next start
            OwnerOnlyFiles.replace(passwordFile, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the self-signed certificate " + keystore, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the certificate " + keystore, e);
        }
    }
}
