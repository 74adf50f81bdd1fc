package vn.congvu.mail.users;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.Username;

/** Outbound blocks of local accounts (development and tests without a directory): in memory, until a restart. */
public final class MemoryOutboundBlocks implements OutboundBlocks {
    private final ConcurrentHashMap<String, Instant> blocked = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Inject
    public MemoryOutboundBlocks() {
    }

    @Override
    public Optional<Instant> blockedSince(Username account) {
        return Optional.ofNullable(blocked.get(account.asString().toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean block(Username account, String detail, String source) {
        return blocked.putIfAbsent(account.asString().toLowerCase(Locale.ROOT), clock.instant()) == null;
    }
}
