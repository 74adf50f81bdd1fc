package vn.congvu.mail.users;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * Accounts whose mail to other domains is refused after too many external recipients, until an administrator
 * lifts it: in the official's directory entry ({@link DirectoryOutboundBlocks}), or in memory for local accounts.
 */
public interface OutboundBlocks {

    /** Since when the account's external mail is refused; empty when it is not. */
    Optional<Instant> blockedSince(Username account) throws UnavailableException;

    /** Blocks the account; true when this call blocked it (false: it already was, e.g. by another node). */
    boolean block(Username account, String detail, String source) throws UnavailableException;

    /** The accounts' store cannot answer now (the directory is unreachable). */
    class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
