package vn.congvu.mail.directive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import vn.congvu.mail.locations.MailServerLocations;

/**
 * The shared secret the gateway's intake expects as a bearer token: CONGVU_INTAKE_TOKEN, else the file the
 * gateway writes on its first start ($CONGVU_HOME/gateway/intake.token), read at each hand-over so the
 * gateway may start (or change it) after the mail server.
 */
final class IntakeCredentials {
    private final Optional<String> configured;
    private final Path file;

    IntakeCredentials(Map<String, String> environment) {
        this.configured = Optional.ofNullable(environment.get("CONGVU_INTAKE_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
        this.file = MailServerLocations.from(environment).home().resolve("gateway").resolve("intake.token");
    }

    Optional<String> token() {
        if (configured.isPresent()) {
            return configured;
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    String source() {
        return configured.isPresent() ? "CONGVU_INTAKE_TOKEN" : file.toString();
    }
}
