package vn.congvu.mail.users;

import java.util.Iterator;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.congvu.directory.client.AuthResult;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;

/**
 * James accounts are the officials of the LDAP directory, read through the directory module's client
 * (pooled, several URLs with failover, connecting lazily so James starts while LDAP is down; see
 * {@link DirectoryConnection}).
 * <ul>
 * <li>login name = the official's mail address; a bare uid is refused here so that one official never
 * gets two mailbox trees;</li>
 * <li>disabled officials neither authenticate nor exist as recipients (a recipient found lately is
 * remembered for a few seconds, see {@link KnownAccounts});</li>
 * <li>while the directory is unreachable every question fails with {@link UsersRepositoryException},
 * which the protocols turn into temporary failures (SMTP 4xx, IMAP NO) instead of "no such user".</li>
 * </ul>
 * Read-only: accounts are provisioned in the directory, not through James.
 */
public class DirectoryUsersRepository implements UsersRepository {
    private final DirectoryConnection directory;
    private final KnownAccounts known;

    @Inject
    public DirectoryUsersRepository(DirectoryConnection directory, KnownAccounts known) {
        this.directory = directory;
        this.known = known;
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return known.contains(name, asked -> activeOfficial(asked).isPresent());
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        return Mono.fromCallable(() -> contains(name)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        if (!name.hasDomainPart()) {
            return false;
        }
        AuthResult result = ask(() -> directory.client().authenticate(name.asString(), password));
        switch (result.outcome()) {
            case OK:
                return true;
            case UNAVAILABLE:
                throw new UsersRepositoryException("The directory is unreachable; try again later");
            default:
                return false;
        }
    }

    @Override
    public User getUserByName(Username name) throws UsersRepositoryException {
        return activeOfficial(name).map(official -> new DirectoryUser(Username.of(official.mail()), directory)).orElse(null);
    }

    @Override
    public int countUsers() throws UsersRepositoryException {
        return ask(() -> directory.client().allOfficials().size());
    }

    @Override
    public Iterator<Username> list() throws UsersRepositoryException {
        return ask(() -> directory.client().allOfficials().stream()
            .filter(Official::active)
            .filter(official -> official.mail() != null)
            .map(official -> Username.of(official.mail()))
            .iterator());
    }

    @Override
    public Publisher<Username> listReactive() {
        return Flux.defer(() -> {
            try {
                Iterator<Username> users = list();
                return Flux.fromIterable(() -> users);
            } catch (UsersRepositoryException e) {
                return Flux.error(e);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public boolean supportVirtualHosting() {
        return true;
    }

    @Override
    public MailAddress getMailAddressFor(Username username) throws UsersRepositoryException {
        try {
            return username.asMailAddress();
        } catch (AddressException e) {
            throw new UsersRepositoryException("Not a mail address: " + username.asString(), e);
        }
    }

    @Override
    public boolean isAdministrator(Username username) {
        return false;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public void addUser(Username username, String password) throws UsersRepositoryException {
        throw readOnly();
    }

    @Override
    public void updateUser(User user) throws UsersRepositoryException {
        throw readOnly();
    }

    @Override
    public void removeUser(Username name) throws UsersRepositoryException {
        throw readOnly();
    }

    private Optional<Official> activeOfficial(Username name) throws UsersRepositoryException {
        if (!name.hasDomainPart()) {
            return Optional.empty();
        }
        return ask(() -> directory.client().findByMail(name.asString()).filter(Official::active));
    }

    private static UsersRepositoryException readOnly() {
        return new UsersRepositoryException("Accounts are managed in the LDAP directory (./congvu import), not in James");
    }

    private interface DirectoryQuestion<T> {
        T ask();
    }

    private static <T> T ask(DirectoryQuestion<T> question) throws UsersRepositoryException {
        try {
            return question.ask();
        } catch (DirectoryUnavailableException e) {
            throw new UsersRepositoryException("The directory is unreachable: " + e.getMessage(), e);
        }
    }

    /** An official as James' User: passwords are checked by binding, never stored or changed here. */
    private static final class DirectoryUser implements User {
        private final Username name;
        private final DirectoryConnection directory;

        private DirectoryUser(Username name, DirectoryConnection directory) {
            this.name = name;
            this.directory = directory;
        }

        @Override
        public Username getUserName() {
            return name;
        }

        @Override
        public boolean verifyPassword(String password) {
            try {
                return directory.client().authenticate(name.asString(), password).ok();
            } catch (DirectoryUnavailableException e) {
                return false;
            }
        }

        @Override
        public boolean setPassword(String newPassword) {
            return false;
        }
    }
}
