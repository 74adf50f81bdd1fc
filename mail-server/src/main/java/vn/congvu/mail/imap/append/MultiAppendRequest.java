package vn.congvu.mail.imap.append;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.message.request.AbstractImapRequest;
import org.apache.james.imap.message.request.AppendRequest;

import vn.congvu.mail.imap.limits.LiteralMemory;

/** An APPEND of several messages (MULTIAPPEND, RFC 3502): each as James' single APPEND would carry it. */
public final class MultiAppendRequest extends AbstractImapRequest implements Closeable {
    private final String mailboxName;
    private final List<AppendRequest> messages;
    /** The share of the heap the literals hold; null when they are small. */
    private final LiteralMemory.Reservation held;

    public MultiAppendRequest(Tag tag, String mailboxName, List<AppendRequest> messages, LiteralMemory.Reservation held) {
        super(tag, ImapConstants.APPEND_COMMAND);
        this.mailboxName = mailboxName;
        this.messages = List.copyOf(messages);
        this.held = held;
    }

    public String mailboxName() {
        return mailboxName;
    }

    /** In the order the client sent them, which is the order of their UIDs. */
    public List<AppendRequest> messages() {
        return messages;
    }

    @Override
    public void close() throws IOException {
        try {
            for (AppendRequest message : messages) {
                message.close();
            }
        } finally {
            if (held != null) {
                held.release();
            }
        }
    }
}
