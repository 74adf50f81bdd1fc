package vn.congvu.gateway.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * The shared secret mail-server presents as {@code Authorization: Bearer …}: {@code gateway.intake.token}
 * (CONGVU_INTAKE_TOKEN) when set, otherwise a random one written once to {@code $CONGVU_HOME/gateway/intake.token}
 * (mode 600), which mail-server reads on the same machine.
 */
@Component
public class IntakeToken {

    private final byte[] token;
    private final Path file;

    public IntakeToken(@Value("${gateway.intake.token:${CONGVU_INTAKE_TOKEN:}}") String configured, @Value("${congvu.home:./data}") String home) {
        this.file = Path.of(home, "gateway", "intake.token");
        this.token = (configured.isBlank() ? readOrCreate(file) : configured.strip()).getBytes(StandardCharsets.UTF_8);
    }

    public Path file() {
        return file;
    }

    public boolean matches(String presented) {
        // constant time: the token must not leak through response timings
        return presented != null && MessageDigest.isEqual(token, presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static synchronized String readOrCreate(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            OwnerOnlyFiles.replace(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the intake token " + file, e);
        }
    }
}
