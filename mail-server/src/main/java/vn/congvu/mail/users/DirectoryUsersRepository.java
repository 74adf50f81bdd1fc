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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryException;
import vn.congvu.directory.client.DirectoryUnavailableException;
import vn.congvu.directory.model.Official;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.directory.signin.SignInDecision;
import vn.congvu.directory.signin.SignInMessages;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * James accounts are the officials of the LDAP directory, read through the directory module's client
 * (pooled, several URLs with failover, connecting lazily so James starts while LDAP is down; see
 * {@link DirectoryConnection}).
 * <ul>
 * <li>login name = the official's mail address; a bare uid is refused here so that one official never
 * gets two mailbox trees;</li>
 * <li>passwords are checked by the shared sign-in policy ({@link SignInPolicy#signIn}: failures counted and
 * accounts locked in the directory, for every protocol and node); the decision is left in
 * {@link SignInOutcomes} for the protocol's answer;</li>
 * <li>disabled officials neither authenticate nor exist as recipients (a recipient found lately is
 * remembered for a few seconds, see {@link KnownAccounts});</li>
 * <li>while the directory is unreachable every question fails with {@link UsersRepositoryException},
 * which the protocols turn into temporary failures (SMTP 4xx, IMAP NO) instead of "no such user".</li>
 * </ul>
 * Read-only: accounts are provisioned in the directory, not through James.
 */
public class DirectoryUsersRepository implements UsersRepository {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryUsersRepository.class);

    private final DirectoryConnection directory;
    private final KnownAccounts known;
    private final AccountPolicy policy;
    private final SignInOutcomes outcomes;
    private final SignInMessages messages;
    private final SignInSource source;
    private final AuditLog audit;
    private final DirectoryPolicy signIn;

    @Inject
    public DirectoryUsersRepository(DirectoryConnection directory, KnownAccounts known, AccountPolicy policy,
                                    SignInOutcomes outcomes, SignInSource source, AuditLog audit,
                                    DirectoryPolicy signIn) {
        this.directory = directory;
        this.known = known;
        this.policy = policy;
        this.outcomes = outcomes;
        this.source = source;
        this.audit = audit;
        this.signIn = signIn;
        this.messages = new SignInMessages(policy);
    }

    @Override
    public boolean contains(Username name) throws UsersRepositoryException {
        return known.contains(name, asked -> activeOfficial(asked).isPresent());
    }

    @Override
    public Publisher<Boolean> containsReactive(Username name) {
        return Mono.fromCallable(() -> contains(name)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * One sign-in through the policy: a locked account is refused like a wrong password (its password is not even
     * checked), a failure is counted and a success clears the count in the directory. The decision is left in
     * {@link SignInOutcomes} for the protocol's answer.
     */
    @Override
    public boolean test(Username name, String password) throws UsersRepositoryException {
        outcomes.forget();
        if (!name.hasDomainPart() || password == null || password.isEmpty()) {
            // A bare uid would give one official two mailbox trees; an empty password would be an anonymous bind.
            audit.record(AuditAction.SIGN_IN_FAILED, name.asString(), null, source.current(), null, null,
                name.hasDomainPart() ? "empty password" : "login without a domain");
            record(SignInDecision.WRONG_PASSWORD);
            return false;
        }
        SignInDecision decision;
        try {
            decision = signIn.get().signIn(name.asString(), password, source.current()).decision();
        } catch (DirectoryUnavailableException e) {
            LOG.warn("login for {} could not be checked: {}", name.asString(), e.getMessage());
            throw new UsersRepositoryException("The directory is unreachable; try again later", e);
        } catch (DirectoryException e) {
            // e.g. the failure count could not be written: a temporary failure, not a wrong password.
            LOG.warn("login for {} could not be recorded: {}", name.asString(), e.getMessage());
            throw new UsersRepositoryException("The sign-in could not be recorded; try again later", e);
        }
        if (decision == SignInDecision.LOCKED || decision == SignInDecision.MUST_CHANGE
                || decision == SignInDecision.PASSWORD_EXPIRED) {
            LOG.info("login for {} refused: {}", name.asString(), decision);
        }
        record(decision);
        return decision.allowed();
    }

    private void record(SignInDecision decision) {
        outcomes.record(decision, messages.ascii(decision));
    }


    @Override
    public User getUserByName(Username name) throws UsersRepositoryException {
        return activeOfficial(name).map(official -> new DirectoryUser(Username.of(official.mail()), this)).orElse(null);
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

    /** An official as James' User: passwords are checked through the sign-in policy, never stored or changed here. */
    private static final class DirectoryUser implements User {
        private final Username name;
        private final DirectoryUsersRepository accounts;

        private DirectoryUser(Username name, DirectoryUsersRepository accounts) {
            this.name = name;
            this.accounts = accounts;
        }

        @Override
        public Username getUserName() {
            return name;
        }

        @Override
        public boolean verifyPassword(String password) {
            try {
                return accounts.test(name, password);
            } catch (UsersRepositoryException e) {
                return false;
            }
        }

        @Override
        public boolean setPassword(String newPassword) {
            return false;
        }
    }
}
