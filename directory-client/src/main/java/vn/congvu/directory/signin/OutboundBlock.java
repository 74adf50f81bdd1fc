package vn.congvu.directory.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import vn.congvu.audit.AuditAction;
import vn.congvu.audit.AuditLog;
import vn.congvu.directory.client.DirectoryClient;

/**
 * An account whose mail to other domains is refused: set by the mail server when the account sent to more
 * recipients outside the local and peer domains than its limit allows (a stolen password turned into a spam
 * cannon), lifted by an administrator. Kept in the official's entry ({@code congvuOutboundBlocked}, the time it
 * began), so every node refuses alike; set with an ADD of a single-valued attribute, so of several nodes reaching
 * the limit at once exactly one blocks (and raises the alert).
 */
public final class OutboundBlock {

    public static final String ATTRIBUTE = "congvuOutboundBlocked";

    private final DirectoryClient client;
    private final Clock clock;
    private final AuditLog audit;

    OutboundBlock(DirectoryClient client, Clock clock, AuditLog audit) {
        this.client = client;
        this.clock = clock;
        this.audit = audit;
    }

    /** Since when the account's external mail is refused; empty when it is not. */
    public Optional<Instant> since(String dn) {
        return client.entry(dn, ATTRIBUTE)
                .map(e -> e.getAttributeStringValue(ATTRIBUTE))
                .map(SignInAttributes::instant);
    }

    /** Blocks the account's external mail; true when this call blocked it, false when it already was. */
    public boolean block(String dn, String detail, String source) {
        boolean blocked = EntryWrites.swap(client, dn, ATTRIBUTE, null, SignInAttributes.time(clock.instant()));
        if (blocked) {
            audit.record(AuditAction.OUTBOUND_BLOCKED, "system", SignInPolicy.uidOf(dn), source, "allowed", "blocked",
                    detail);
        }
        return blocked;
    }

    /** {@code actor} (an administrator) lets the account send outside again; false when it was not blocked. */
    public boolean lift(String dn, String actor, String source) {
        Optional<String> current = client.entry(dn, ATTRIBUTE).map(e -> e.getAttributeStringValue(ATTRIBUTE));
        if (current.isEmpty() || current.get() == null) {
            return false;
        }
        boolean lifted = EntryWrites.swap(client, dn, ATTRIBUTE, current.get(), null);
        if (lifted) {
            audit.record(AuditAction.OUTBOUND_UNBLOCKED, actor, SignInPolicy.uidOf(dn), source, "blocked", "allowed",
                    null);
        }
        return lifted;
    }
}
