package vn.congvu.mail.storage;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;

/**
 * The UIDs a session's COPY or MOVE actually copied, source and target in the same order, kept on its
 * {@link MailboxSession} until the IMAP answer is written. James built COPYUID from the command's own set, which
 * may name messages that no longer exist (or sequence numbers, for COPY without UID); RFC 4315 wants the UIDs
 * copied. A connection runs one command at a time, so one list per session is enough.
 */
public final class CopiedMessages {
    private static final String KEY = CopiedMessages.class.getName();

    private final List<MessageUid> sources = new ArrayList<>();
    private final List<MessageUid> targets = new ArrayList<>();

    private CopiedMessages() {
    }

    public List<MessageUid> sources() {
        return sources;
    }

    public List<MessageUid> targets() {
        return targets;
    }

    /** Adds one copy's UIDs (a command with several ranges copies once per range). */
    public static void record(MailboxSession session, List<MessageUid> sources, List<MessageUid> targets) {
        synchronized (session) {
            CopiedMessages copied = (CopiedMessages) session.getAttributes().computeIfAbsent(KEY, key -> new CopiedMessages());
            copied.sources.addAll(sources);
            copied.targets.addAll(targets);
        }
    }

    /** What the session copied since the last call, or null if it copied nothing. */
    public static CopiedMessages take(MailboxSession session) {
        synchronized (session) {
            return (CopiedMessages) session.getAttributes().remove(KEY);
        }
    }
}
