package vn.congvu.gateway.outbox;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * SQLite creates the outbox file but not the directory it lives in ({@code $CONGVU_HOME/gateway} on a first
 * start): made here, before the pool opens its first connection.
 */
@Component
class OutboxFileDirectory implements BeanPostProcessor {

    private static final String SQLITE = "jdbc:sqlite:";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith(SQLITE)) {
            String file = pool.getJdbcUrl().substring(SQLITE.length());
            int options = file.indexOf('?');
            Path parent = Path.of(options < 0 ? file : file.substring(0, options)).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the outbox directory " + parent, e);
            }
        }
        return bean;
    }
}
