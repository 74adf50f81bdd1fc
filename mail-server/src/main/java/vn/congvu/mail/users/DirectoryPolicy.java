package vn.congvu.mail.users;

import java.time.Clock;

import javax.inject.Inject;
import javax.inject.Singleton;

import vn.congvu.audit.AuditLog;
import vn.congvu.directory.signin.AccountPolicy;
import vn.congvu.directory.signin.SignInPolicy;

/**
 * The shared sign-in policy on the mail server's directory client, made on first use: the client itself is
 * created and connected lazily ({@link DirectoryConnection}), so James starts while LDAP is down.
 */
@Singleton
public final class DirectoryPolicy {
    private final DirectoryConnection directory;
    private final AccountPolicy policy;
    private final AuditLog audit;
    private volatile SignInPolicy signIn;

    @Inject
    public DirectoryPolicy(DirectoryConnection directory, AccountPolicy policy, AuditLog audit) {
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
    }

    public SignInPolicy get() {
        SignInPolicy current = signIn;
        if (current == null) {
            // Two threads may both build one: equal, and either will do.
            current = new SignInPolicy(directory.client(), policy, Clock.systemUTC(), audit);
            signIn = current;
        }
        return current;
    }

    /** The DN of an account's entry, found by its login (mail address); null when there is none. */
    String dn(String login) {
        return directory.client().findLoginEntry(login, "uid").map(e -> e.getDn()).orElse(null);
    }
}
