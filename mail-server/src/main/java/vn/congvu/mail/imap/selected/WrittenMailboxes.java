package vn.congvu.mail.imap.selected;

import java.util.List;

import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.imap.message.request.AbstractMessageRangeRequest;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.ExpungeRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxId;

import reactor.core.publisher.Mono;

/**
 * The mailboxes an IMAP command of several ranges writes to once per range: STORE and UID EXPUNGE the selected
 * mailbox, COPY and MOVE it and their target. Empty for other commands, for a set of one range (its one write
 * takes its own turn, which then does not also cover the reads of the answer), without a selected mailbox, or
 * when the target does not exist (James answers that).
 */
final class WrittenMailboxes {
    private WrittenMailboxes() {
    }

    static Mono<List<MailboxId>> of(ImapRequest request, ImapSession session, MailboxManager mailboxes) {
        SelectedMailbox selected = session.getSelected();
        if (selected == null || session.getMailboxSession() == null) {
            return Mono.empty();
        }
        if (request instanceof StoreRequest store && store.getIdSet().length > 1
                || request instanceof ExpungeRequest expunge && expunge.getUidSet() != null && expunge.getUidSet().length > 1) {
            return Mono.just(List.of(selected.getMailboxId()));
        }
        if ((request instanceof CopyRequest || request instanceof MoveRequest)
                && ((AbstractMessageRangeRequest) request).getIdSet().length > 1) {
            String target = ((AbstractMessageRangeRequest) request).getMailboxName();
            return Mono.from(mailboxes.getMailboxReactive(PathConverter.forSession(session).buildFullPath(target),
                    session.getMailboxSession()))
                .map(MessageManager::getId)
                .map(targetId -> List.of(selected.getMailboxId(), targetId))
                .onErrorResume(any -> Mono.empty());
        }
        return Mono.empty();
    }
}
