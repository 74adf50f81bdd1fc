package vn.congvu.mail.users;

import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;

import vn.congvu.directory.client.DirectoryException;

/** Outbound blocks in the officials' directory entries: every node refuses alike, an administrator lifts them. */
public final class DirectoryOutboundBlocks implements OutboundBlocks {
    private final DirectoryPolicy policy;

    @Inject
    public DirectoryOutboundBlocks(DirectoryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<Instant> blockedSince(Username account) throws UnavailableException {
        try {
            String dn = policy.dn(account.asString());
            return dn == null ? Optional.empty() : policy.get().outboundBlock().since(dn);
        } catch (DirectoryException | IllegalStateException e) {
            throw new UnavailableException("cannot read the outbound block of " + account.asString(), e);
        }
    }

    @Override
    public boolean block(Username account, String detail, String source) throws UnavailableException {
        try {
            String dn = policy.dn(account.asString());
            return dn != null && policy.get().outboundBlock().block(dn, detail, source);
        } catch (DirectoryException | IllegalStateException e) {
            throw new UnavailableException("cannot block the outbound mail of " + account.asString(), e);
        }
    }
}
