package vn.congvu.mail.login;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.congvu.mail.locations.MailServerLocations;
import vn.congvu.mail.migration.MigrationSecret;

/**
 * The master login of {@code ./congvu migrate}: IMAP LOGIN as {@code uid*migration@domain} with the migration's
 * one-time secret ({@link MigrationSecret}) opens the official's own mailbox. Only from this machine, only while a
 * migration runs, only for an existing account; every attempt is logged (without the secret) and a refused one is
 * delayed like any wrong password.
 */
public class MigrationLogin {
    private static final String SUFFIX = MigrationSecret.LOGIN_SUFFIX;
    private static final Logger AUDIT = LoggerFactory.getLogger("vn.congvu.mail.migration.audit");

    private final UsersRepository users;
    private final FailedLoginDelay delay;
    private final Path secretFile;
    private final Clock clock;

    @Inject
    public MigrationLogin(UsersRepository users, FailedLoginDelay delay) {
        this(users, delay, MigrationSecret.file(MailServerLocations.from(System.getenv()).home()), Clock.systemUTC());
    }

    MigrationLogin(UsersRepository users, FailedLoginDelay delay, Path secretFile, Clock clock) {
        this.users = users;
        this.delay = delay;
        this.secretFile = secretFile;
        this.clock = clock;
    }

    /** The official a {@code uid*migration@domain} login stands for; empty for every other login. */
    static Optional<Username> official(Username login) {
        String local = login.getLocalPart();
        if (!local.endsWith(SUFFIX) || local.length() == SUFFIX.length()) {
            return Optional.empty();
        }
        String uid = local.substring(0, local.length() - SUFFIX.length());
        return Optional.of(login.getDomainPart()
            .map(domain -> Username.fromLocalPartWithDomain(uid, domain))
            .orElseGet(() -> Username.fromLocalPartWithoutDomain(uid)));
    }

    /** Whether {@code login} may open {@code official}'s mailbox; throws while accounts cannot be checked. */
    boolean admit(Username login, Username official, CharSequence secret, Optional<InetSocketAddress> client)
            throws UsersRepositoryException {
        String from = client.map(address -> address.getAddress().getHostAddress()).orElse("an unknown address");
        String refusal = refusal(official, secret, client);
        if (refusal == null) {
            AUDIT.info("Migration login as {} from {} accepted", official.asString(), from);
            delay.succeeded(login.asString());
            return true;
        }
        AUDIT.warn("Migration login as {} from {} refused: {}", official.asString(), from, refusal);
        delay.hold(delay.failed(login.asString()));
        return false;
    }

    private String refusal(Username official, CharSequence secret, Optional<InetSocketAddress> client)
            throws UsersRepositoryException {
        if (client.isEmpty() || !client.get().getAddress().isLoopbackAddress()) {
            return "not from this machine (loopback only)";
        }
        MigrationSecret.Check check = MigrationSecret.check(secretFile, secret, clock);
        if (check != MigrationSecret.Check.ACCEPTED) {
            return check.reason;
        }
        return users.contains(official) ? null : "no such account";
    }
}
