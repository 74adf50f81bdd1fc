package vn.congvu.console.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.congvu.console.home.MailClientSettings.Listener;
import vn.congvu.console.home.MailClientSettings.Tls;
import vn.congvu.directory.client.ConfigFiles;

/** The mail server's own listener files of config/james, read as the home page reads them. */
class MailClientSettingsTest {

    @Test
    void theDefaultsAreTheOnesWrittenInTheMailServersFiles() {
        MailClientSettings s = MailClientSettings.read(ConfigFiles.dir(), "thu.example.gov.vn", Map.of());
        assertEquals("thu.example.gov.vn", s.host());
        assertEquals(List.of(new Listener("IMAP", 2143, Tls.STARTTLS), new Listener("IMAP", 2993, Tls.IMPLICIT),
                new Listener("POP3", 2110, Tls.STARTTLS), new Listener("POP3", 2995, Tls.IMPLICIT),
                new Listener("SMTP", 2587, Tls.STARTTLS), new Listener("SMTP", 2465, Tls.IMPLICIT)), s.listeners());
    }

    @Test
    void aPortVariableOverridesItsDefault() {
        MailClientSettings s = MailClientSettings.read(ConfigFiles.dir(), "h",
                Map.of("CONGVU_IMAPS_PORT", "993", "CONGVU_SUBMISSION_PORT", "587", "CONGVU_IMAP_PORT", "",
                        "CONGVU_POP3S_PORT", "995"));
        assertEquals(List.of(2143, 993, 2110, 995, 587, 2465), s.listeners().stream().map(Listener::port).toList());
    }
}
