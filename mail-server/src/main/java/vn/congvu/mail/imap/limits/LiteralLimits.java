package vn.congvu.mail.imap.limits;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.util.Size;

/**
 * How many octets of literals one IMAP command may announce. Before login only LOGIN's and AUTHENTICATE's
 * few words travel as literals, so anything larger is refused (the class of CVE-2024-37358, where a client
 * that never logged in made James read gigabytes); after login nothing larger than a message the server
 * accepts by SMTP.
 */
public record LiteralLimits(long beforeLogin, long afterLogin) {
    /** As RFC 7888's LITERAL- allows: a literal of 4096 octets is always acceptable. */
    public static final long BEFORE_LOGIN = 4096;

    /**
     * The limit after login read from smtpserver.xml, the one place the message size limit is configured:
     * the largest {@code maxmessagesize} of its servers, read as James' SMTP server reads it (KB when no
     * unit is written; 0: no limit).
     */
    public static LiteralLimits fromSmtpServers(HierarchicalConfiguration<ImmutableNode> smtpservers) {
        long largest = smtpservers.configurationsAt("smtpserver").stream()
            .mapToLong(server -> Size.parse(server.getString("maxmessagesize", "0"), Size.Unit.K).asBytes())
            .max()
            .orElse(0);
        return new LiteralLimits(BEFORE_LOGIN, largest > 0 ? largest : Integer.MAX_VALUE);
    }

    long of(ImapSession session) {
        return beforeLogin(session) ? beforeLogin : afterLogin;
    }

    static boolean beforeLogin(ImapSession session) {
        return session == null || session.getState() == ImapSessionState.NON_AUTHENTICATED;
    }
}
