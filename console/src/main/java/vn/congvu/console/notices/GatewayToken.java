package vn.congvu.console.notices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The secret the gateway gives its local callers (the mail server's intake and the console's forwarding):
 * {@code console.gateway-token} or CONGVU_INTAKE_TOKEN when set, else the file the gateway writes on its first start,
 * {@code $CONGVU_HOME/gateway/intake.token}, read on each request so the gateway may start after the console.
 */
final class GatewayToken {

    private final Optional<String> configured;
    private final Path file;

    GatewayToken(String configured, Path home) {
        this.configured = Optional.ofNullable(configured).map(String::strip).filter(t -> !t.isEmpty());
        this.file = home.resolve("gateway").resolve("intake.token");
    }

    /** Empty while the gateway has not written its file yet. */
    Optional<String> current() {
        if (configured.isPresent()) {
            return configured;
        }
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's token " + file, e);
        }
    }
}
