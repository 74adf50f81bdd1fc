package vn.congvu.directory.embedded;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded directory until SIGTERM or Ctrl-C, then stops it cleanly (final snapshot).
 * Environment: {@code CONGVU_HOME}, {@code CONGVU_DOMAIN}, {@code CONGVU_LDAP_PORT}; config/ found as
 * {@code ConfigFiles} describes. Does nothing when {@code CONGVU_LDAP_URL} points at an external directory.
 */
public final class EmbeddedDirectoryMain {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectoryMain.class);

    private EmbeddedDirectoryMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String external = env.get("CONGVU_LDAP_URL");
        if (external != null && !external.isBlank()) {
            LOG.info("CONGVU_LDAP_URL is set ({}): the embedded directory is not started", external);
            return;
        }
        EmbeddedDirectory directory;
        try {
            directory = EmbeddedDirectory.start(EmbeddedSettings.fromEnvironment(env));
        } catch (Exception e) {
            LOG.error("embedded directory did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the embedded directory");
            try {
                directory.close();
                LOG.info("embedded directory stopped; data saved in {}", directory.dataDir());
            } catch (Exception e) {
                LOG.error("clean stop failed (the journal still holds every acknowledged change): {}",
                        e.getMessage(), e);
            } finally {
                stopped.countDown();
            }
        }, "directory-shutdown"));

        LOG.info("embedded directory listening on {} (base DN {}, {} entries)", directory.url(), directory.baseDn(),
                directory.entryCount());
        LOG.info("admin bind DN {}; its password is in {}", directory.rootDn(), directory.passwordFile());
        LOG.info("data in {}", directory.dataDir());
        stopped.await();
    }
}
