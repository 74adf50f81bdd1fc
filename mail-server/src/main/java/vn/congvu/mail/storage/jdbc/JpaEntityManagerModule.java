package vn.congvu.mail.storage.jdbc;

import java.io.FileNotFoundException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * One OpenJPA persistence unit ("Global", see META-INF/persistence.xml) shared by mailboxes, domain list,
 * RRT, sieve and mail repositories, configured by james-database.properties (Derby embedded by default,
 * PostgreSQL by configuration). James 3.8.1 ships the equivalent module only in the unpublished jpa-app.
 * Adds {@link MessageIndexes} and {@link RecentMarks} to the schema OpenJPA creates.
 */
// Not Modules.override(JPAEntityManagerModule): James 3.8.1 publishes it only in the unpublished jpa-app.
public class JpaEntityManagerModule extends AbstractModule {
    public static final String PERSISTENCE_UNIT = "Global";

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(PropertiesProvider propertiesProvider)
            throws FileNotFoundException, ConfigurationException, SQLException {
        Configuration database = propertiesProvider.getConfiguration("james-database");
        Map<String, String> properties = new HashMap<>();
        properties.put("openjpa.ConnectionDriverName", database.getString("database.driverClassName"));
        properties.put("openjpa.ConnectionURL", database.getString("database.url"));
        String username = database.getString("database.username", "");
        if (!username.isBlank()) {
            properties.put("openjpa.ConnectionUserName", username);
            properties.put("openjpa.ConnectionPassword", database.getString("database.password", ""));
        }
        // datasource.* keys become DBCP pool settings (MaxTotal, TestOnBorrow, ValidationSQL...).
        List<String> pool = new ArrayList<>();
        for (Iterator<String> keys = database.getKeys("datasource"); keys.hasNext(); ) {
            String key = keys.next();
            pool.add(key.substring("datasource.".length()) + "=" + database.getString(key));
        }
        if (!pool.isEmpty()) {
            properties.put("openjpa.ConnectionProperties", String.join(",", pool));
        }
        for (Iterator<String> keys = database.getKeys("openjpa"); keys.hasNext(); ) {
            String key = keys.next();
            properties.put(key, database.getString(key));
        }
        properties.putIfAbsent("openjpa.Multithreaded", "true");
        // derby.* keys are Derby system properties (embedded Derby only), read when it boots on first connection.
        for (Iterator<String> keys = database.getKeys("derby"); keys.hasNext(); ) {
            String key = keys.next();
            if (System.getProperty(key) == null) {
                System.setProperty(key, database.getString(key));
            }
        }
        EntityManagerFactory factory = Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, properties);
        addOurSchema(factory);
        return factory;
    }

    /** Our changes to the schema OpenJPA builds, made on every start (tests' stores too). */
    public static void addOurSchema(EntityManagerFactory factory) throws SQLException {
        // Keys first: Derby does not create an index that duplicates a key's own, and drops that one with the key.
        CascadeFreeMessageRows.apply(factory);
        MessageIndexes.create(factory);
        RecentMarks.create(factory);
    }
}
