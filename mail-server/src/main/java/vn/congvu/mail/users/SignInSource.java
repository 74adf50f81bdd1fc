package vn.congvu.mail.users;

import java.net.InetSocketAddress;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Where the sign-in being checked on this thread comes from, for the audit log. James' {@code UsersRepository.test}
 * is given a name and a password only, so the protocol (our IMAP LOGIN/AUTHENTICATE processors, the SMTP AUTH hook)
 * names the client's address here around its check and {@link DirectoryUsersRepository} reads it on the same thread.
 */
@Singleton
public final class SignInSource {

    private final ThreadLocal<String> address = new ThreadLocal<>();

    @Inject
    public SignInSource() {
    }

    /** The protocol and the client's address, e.g. {@code imap 192.0.2.7}; cleared by {@link #clear}. */
    public void set(String protocol, Optional<InetSocketAddress> client) {
        address.set(protocol + " " + client.map(a -> a.getAddress() == null ? a.getHostString()
            : a.getAddress().getHostAddress()).orElse("unknown"));
    }

    public void clear() {
        address.remove();
    }

    /** What the protocol named, or null when no protocol did (a check outside a sign-in). */
    String current() {
        return address.get();
    }
}
