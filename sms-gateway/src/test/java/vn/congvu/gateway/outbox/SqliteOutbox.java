package vn.congvu.gateway.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Outbox databases for tests: the SQLite file and options of config/gateway/application.yml, in a test's home. */
public final class SqliteOutbox {

    private SqliteOutbox() {
    }

    /** The outbox URL shipped in config/gateway/application.yml, with {@code home} as CONGVU_HOME. */
    public static String configuredUrl(Path home) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(Path.of("..", "config", "gateway", "application.yml")));
        Properties config = yaml.getObject();
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of("congvu.home", home.toString())));
        return env.resolveRequiredPlaceholders(config.getProperty("spring.datasource.url"));
    }

    /** The shipped outbox settings in a new temporary home: a database of its own for one test. */
    public static String freshUrl() {
        try {
            Path home = Files.createTempDirectory("congvu-outbox-test");
            Files.createDirectories(home.resolve("gateway"));
            return configuredUrl(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data source on {@code url} with the outbox schema migrated, as the gateway does at start. */
    public static DataSource migrated(String url) {
        DriverManagerDataSource ds = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                .load().migrate();
        return ds;
    }
}
