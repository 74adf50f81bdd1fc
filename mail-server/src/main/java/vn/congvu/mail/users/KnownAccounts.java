package vn.congvu.mail.users;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * Accounts recently found to exist. Every mail asks "is this recipient ours?" several times (the
 * RecipientIsLocal matchers, local delivery), each a directory search or a database query; a short-lived
 * memory of the "yes" answers removes all but the first. "No" is never remembered, so a newly
 * provisioned account receives at once; nothing is remembered from a failing directory, and a failure
 * forgets everything, so an outage is answered "try later" at once. A disabled account keeps receiving
 * for at most the time to live ({@code <knownAccountSeconds>} in usersrepository.xml, 0 = off).
 */
public final class KnownAccounts {
    private static final int MAX_ENTRIES = 10_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Username, Long> knownUntil = new ConcurrentHashMap<>();

    public KnownAccounts(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    /** With the clock {@code nanoTime} (tests turn it forward). */
    KnownAccounts(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    public static KnownAccounts fromConfiguration(HierarchicalConfiguration<ImmutableNode> usersRepository) {
        return new KnownAccounts(Duration.ofSeconds(usersRepository.getLong("knownAccountSeconds", 10)));
    }

    /** Whether the account exists: remembered if it was found lately, else asked to {@code source}. */
    public boolean contains(Username name, Source source) throws UsersRepositoryException {
        long now = nanoTime.getAsLong();
        Long until = knownUntil.get(name);
        if (until != null && now - until < 0) {
            return true;
        }
        boolean exists;
        try {
            exists = source.contains(name);
        } catch (UsersRepositoryException | RuntimeException e) {
            knownUntil.clear();
            throw e;
        }
        if (exists && ttlNanos > 0) {
            if (knownUntil.size() >= MAX_ENTRIES) {
                knownUntil.clear(); // a bound, not a policy: only hit by a flood of distinct recipients
            }
            knownUntil.put(name, now + ttlNanos);
        } else {
            knownUntil.remove(name);
        }
        return exists;
    }

    /** The authoritative answer (directory or database). */
    public interface Source {
        boolean contains(Username name) throws UsersRepositoryException;
    }
}
