package vn.congvu.mail.locations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the mail server keeps its state and reads its configuration:
 * state under {@code $CONGVU_HOME/mail} (default ./data/mail), configuration in
 * {@code $CONGVU_MAIL_CONF}, else {@code $CONGVU_CONFIG/james}, else ./config/james, so operators
 * edit config/ and back up data/.
 */
public record MailServerLocations(Path home, Path workingDirectory, Path configurationDirectory) {

    public static MailServerLocations from(Map<String, String> environment) {
        Path home = Path.of(environment.getOrDefault("CONGVU_HOME", "data")).toAbsolutePath().normalize();
        String configRoot = environment.getOrDefault("CONGVU_CONFIG", "config");
        Path configuration = Path.of(environment.getOrDefault("CONGVU_MAIL_CONF", configRoot + "/james")).toAbsolutePath().normalize();
        return new MailServerLocations(home, home.resolve("mail"), configuration);
    }

    public void check() {
        if (!Files.isRegularFile(configurationDirectory.resolve("smtpserver.xml"))) {
            throw new IllegalStateException("No James configuration in " + configurationDirectory
                + " (set CONGVU_MAIL_CONF to the config/james directory of CongVu)");
        }
    }

    /** James resolves absolute locations given as file:///path. */
    public String configurationUrl() {
        return "file://" + configurationDirectory + "/";
    }
}
