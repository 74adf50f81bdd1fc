package vn.congvu.mail.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;
import org.junit.jupiter.api.Test;

class KnownAccountsTest {
    private static final Username OFFICIAL = Username.of("can.bo@example.gov.vn");

    private final Set<Username> accounts = new HashSet<>(Set.of(OFFICIAL));
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean directoryDown = new AtomicBoolean();
    private final KnownAccounts.Source directory = name -> {
        asked.incrementAndGet();
        if (directoryDown.get()) {
            throw new UsersRepositoryException("unreachable");
        }
        return accounts.contains(name);
    };

    @Test
    void anAccountFoundIsRememberedUntilItsTimeToLive() throws Exception {
        AtomicLong now = new AtomicLong();
        KnownAccounts known = new KnownAccounts(Duration.ofSeconds(10), now::get);
        assertTrue(known.contains(OFFICIAL, directory));
        accounts.remove(OFFICIAL); // disabled meanwhile
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertTrue(known.contains(OFFICIAL, directory));
        assertEquals(1, asked.get(), "the second question is answered from memory");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(known.contains(OFFICIAL, directory), "after the time to live the directory is asked again");
        assertEquals(2, asked.get());
    }

    @Test
    void unknownIsNeverRemembered() throws Exception {
        KnownAccounts known = new KnownAccounts(Duration.ofMinutes(1));
        Username newcomer = Username.of("moi@example.gov.vn");
        assertFalse(known.contains(newcomer, directory));
        accounts.add(newcomer); // provisioned
        assertTrue(known.contains(newcomer, directory), "a new account receives at once");
        assertEquals(2, asked.get());
    }

    @Test
    void aFailingDirectoryFailsTheQuestionAndForgetsWhatWasKnown() throws Exception {
        KnownAccounts known = new KnownAccounts(Duration.ofMinutes(1));
        Username other = Username.of("khac@example.gov.vn");
        accounts.add(other);
        assertTrue(known.contains(OFFICIAL, directory));
        directoryDown.set(true);
        assertThrows(UsersRepositoryException.class, () -> known.contains(other, directory));
        assertThrows(UsersRepositoryException.class, () -> known.contains(OFFICIAL, directory),
            "during an outage a remembered account is not answered from memory either");
        directoryDown.set(false);
        assertTrue(known.contains(OFFICIAL, directory));
        assertEquals(4, asked.get());
    }

    @Test
    void zeroTimeToLiveAsksEveryTime() throws Exception {
        KnownAccounts known = new KnownAccounts(Duration.ZERO);
        assertTrue(known.contains(OFFICIAL, directory));
        assertTrue(known.contains(OFFICIAL, directory));
        assertEquals(2, asked.get());
    }
}
