package vn.congvu.mail.storage.read;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * Mailbox rows (path, UIDVALIDITY, ACL) remembered between requests. James looks the mailbox up again on every
 * IMAP command and every local delivery: on a FETCH that lookup and its EntityManager were an eighth of the
 * server's time. Every change to a mailbox row goes through {@link CachingMailboxMapper}, which forgets it; the
 * expiry only bounds what another server on the same database could change behind our back.
 * Callers get copies: James mutates the Mailbox it is handed (rename sets the new name before storing it).
 */
public class MailboxRows {
    private static final Duration EXPIRY = Duration.ofSeconds(60);

    private final Cache<MailboxId, Mailbox> byId =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(20_000).build();
    private final Cache<MailboxPath, MailboxId> idByPath =
        CacheBuilder.newBuilder().expireAfterWrite(EXPIRY).maximumSize(20_000).build();

    Optional<Mailbox> byId(MailboxId id) {
        return Optional.ofNullable(byId.getIfPresent(id)).map(Mailbox::new);
    }

    Optional<Mailbox> byPath(MailboxPath path) {
        return Optional.ofNullable(idByPath.getIfPresent(path)).flatMap(this::byId)
            .filter(mailbox -> mailbox.generateAssociatedPath().equals(path));
    }

    void remember(Mailbox mailbox) {
        byId.put(mailbox.getMailboxId(), new Mailbox(mailbox));
        idByPath.put(mailbox.generateAssociatedPath(), mailbox.getMailboxId());
    }

    /** Before and after any change to the row: a lookup running meanwhile must not put the old row back for long. */
    void forget(MailboxId id) {
        byId.invalidate(id);
        idByPath.asMap().values().removeIf(id::equals);
    }
}
