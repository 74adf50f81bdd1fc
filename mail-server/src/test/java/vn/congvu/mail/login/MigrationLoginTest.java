package vn.congvu.mail.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.congvu.mail.migration.MigrationSecret;

/** Who the migration login lets in: decided without a network, so addresses beyond loopback can be tried. */
class MigrationLoginTest {
    private static final Username LOGIN = Username.of("ngo.van.a*migration@example.gov.vn");
    private static final Optional<InetSocketAddress> LOOPBACK = Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000));

    @TempDir
    Path home;

    @Test
    void theLoginNamesTheOfficial() {
        assertEquals(Optional.of(Username.of("ngo.van.a@example.gov.vn")), MigrationLogin.official(LOGIN));
        assertEquals(Optional.empty(), MigrationLogin.official(Username.of("ngo.van.a@example.gov.vn")));
        assertEquals(Optional.empty(), MigrationLogin.official(Username.of("*migration@example.gov.vn")));
    }

    @Test
    void onlyFromLoopbackWithTheFreshSecretForAnExistingAccount() throws Exception {
        Path file = MigrationSecret.file(home);
        Clock clock = Clock.systemUTC();
        FailedLoginDelay delay = new FailedLoginDelay();
        MigrationLogin login = new MigrationLogin(users(true), delay, file, clock);
        Username official = MigrationLogin.official(LOGIN).orElseThrow();
        assertFalse(login.admit(LOGIN, official, "x", LOOPBACK), "no migration running");

        String secret = MigrationSecret.create(file);
        assertTrue(login.admit(LOGIN, official, secret, LOOPBACK));
        Optional<InetSocketAddress> elsewhere = Optional.of(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), 40000));
        assertFalse(login.admit(LOGIN, official, secret, elsewhere), "not loopback");
        assertFalse(login.admit(LOGIN, official, secret, Optional.empty()), "unknown address");
        assertFalse(new MigrationLogin(users(false), delay, file, clock).admit(LOGIN, official, secret, LOOPBACK), "no such account");

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(6))));
        assertEquals(MigrationSecret.Check.STALE, MigrationSecret.check(file, secret, Clock.systemUTC()));
        assertFalse(login.admit(LOGIN, official, secret, LOOPBACK), "a migration that stopped renewing its secret");
    }

    @Test
    void refusedAttemptsAreDelayedLikeWrongPasswords() throws Exception {
        FailedLoginDelay delay = new FailedLoginDelay();
        MigrationLogin login = new MigrationLogin(users(true), delay, MigrationSecret.file(home), Clock.systemUTC());
        Username official = MigrationLogin.official(LOGIN).orElseThrow();
        long start = System.nanoTime();
        login.admit(LOGIN, official, "guess-1", LOOPBACK);
        login.admit(LOGIN, official, "guess-2", LOOPBACK);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofMillis(450)) >= 0, "the second guess waited");
    }

    private static UsersRepository users(boolean exist) {
        return (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(), new Class<?>[] {UsersRepository.class},
            (proxy, method, args) -> {
                if (method.getName().equals("contains")) {
                    return exist;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
