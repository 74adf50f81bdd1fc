package vn.congvu.mail.imap.selected;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Singleton;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;

/**
 * Which session a message is \Recent in: the first one to hear of it (RFC 3501 2.3.2: "this session is the first
 * session to have been notified about this message"), and no other. James marked a new message recent in every
 * session that had its mailbox selected.
 * <p>
 * UIDs only grow, and every session hears of a mailbox's new messages in UID order (their writers take turns,
 * {@code MailboxWriters}), so one number per mailbox is enough: the highest UID claimed so far. Messages that
 * arrived while nobody had the mailbox selected keep James' stored \Recent flag, and the next SELECT claims them
 * here too. Held in memory: after a restart those still flagged are recent once more, for the first SELECT.
 */
@Singleton
public class RecentClaims {
    private final ConcurrentHashMap<MailboxId, AtomicLong> highestClaimed = new ConcurrentHashMap<>();

    /** True for the one caller that claims {@code uid} first; claims are made in ascending UID order. */
    public boolean claim(MailboxId mailbox, MessageUid uid) {
        AtomicLong highest = highestClaimed.computeIfAbsent(mailbox, id -> new AtomicLong());
        long wanted = uid.asLong();
        long current;
        do {
            current = highest.get();
            if (wanted <= current) {
                return false;
            }
        } while (!highest.compareAndSet(current, wanted));
        return true;
    }
}
