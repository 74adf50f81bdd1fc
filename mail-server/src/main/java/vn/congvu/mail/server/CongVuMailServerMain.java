package vn.congvu.mail.server;

import java.nio.file.Files;
import java.util.Map;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;

import vn.congvu.mail.accounts.AccountsSource;
import vn.congvu.mail.locations.MailServerLocations;
import vn.congvu.mail.tls.TlsKeystore;

/**
 * Starts the CongVu mail server: {@code java -cp 'lib/*:congvu-mail-server.jar' vn.congvu.mail.server.CongVuMailServerMain}
 * with CONGVU_HOME (state) and CONGVU_MAIL_CONF (config/james) in the environment; ports and domain
 * come from config/james, which reads the CONGVU_* variables.
 */
public final class CongVuMailServerMain {

    private CongVuMailServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> environment = System.getenv();
        MailServerLocations locations = MailServerLocations.from(environment);
        locations.check();
        // Before the first logger exists: logging is configured from config/james too.
        System.setProperty("logback.configurationFile", locations.configurationDirectory().resolve("logback.xml").toString());
        System.setProperty(Configuration.WORKING_DIRECTORY, locations.workingDirectory().toString());
        Files.createDirectories(locations.workingDirectory().resolve("var"));
        // The default Derby URL of james-database.properties is relative to this directory.
        System.setProperty("derby.system.home", locations.workingDirectory().resolve("var").toString());

        String domain = environment.getOrDefault("CONGVU_DOMAIN", "example.gov.vn");
        TlsKeystore.prepare(environment, locations.workingDirectory(), domain).publish();

        GuiceJamesServer server = CongVuMailServer.create(Configuration.builder()
                .workingDirectory(locations.workingDirectory().toFile())
                .configurationPath(new Configuration.ConfigurationPath(locations.configurationUrl()))
                .build(),
            AccountsSource.read(locations.configurationDirectory()).module());
        try {
            server.start();
        } catch (Exception e) {
            // A half-started server keeps non-daemon threads (broker, Derby): stop them so the process exits.
            server.stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "congvu-mail-shutdown"));
    }
}
