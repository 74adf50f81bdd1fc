package vn.congvu.mail.accounts;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;

import com.google.inject.Module;

/**
 * Where accounts come from, as usersrepository.xml says in its {@code accounts} attribute:
 * {@code directory} (LDAP, the default) or {@code local} (JPA database, no groups).
 */
public enum AccountsSource {
    DIRECTORY,
    LOCAL;

    public static AccountsSource read(Path configurationDirectory) throws ConfigurationException {
        XMLConfiguration usersRepository = new Configurations().xml(configurationDirectory.resolve("usersrepository.xml").toFile());
        String value = usersRepository.getString("[@accounts]", "directory").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("usersrepository.xml: accounts must be 'directory' or 'local', not " + value);
        }
    }

    public Module module() {
        return this == DIRECTORY ? new DirectoryAccountsModule() : new LocalAccountsModule();
    }
}
