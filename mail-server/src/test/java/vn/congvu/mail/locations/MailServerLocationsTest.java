package vn.congvu.mail.locations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MailServerLocationsTest {

    @Test
    void stateUnderCongvuHomeAndConfigurationFromTheLauncherVariables() {
        MailServerLocations launcher = MailServerLocations.from(Map.of("CONGVU_HOME", "/srv/congvu", "CONGVU_CONFIG", "/etc/congvu"));
        assertEquals(Path.of("/srv/congvu/mail"), launcher.workingDirectory());
        assertEquals(Path.of("/etc/congvu/james"), launcher.configurationDirectory());
        assertEquals("file:///etc/congvu/james/", launcher.configurationUrl());

        MailServerLocations explicit = MailServerLocations.from(Map.of("CONGVU_CONFIG", "/etc/congvu", "CONGVU_MAIL_CONF", "/opt/james-conf"));
        assertEquals(Path.of("/opt/james-conf"), explicit.configurationDirectory());

        MailServerLocations defaults = MailServerLocations.from(Map.of());
        assertEquals(Path.of("data/mail").toAbsolutePath(), defaults.workingDirectory());
        assertEquals(Path.of("config/james").toAbsolutePath(), defaults.configurationDirectory());
    }
}
