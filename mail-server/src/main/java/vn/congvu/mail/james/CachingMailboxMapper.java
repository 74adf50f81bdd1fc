package vn.congvu.mail.james;

import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;

import reactor.core.publisher.Mono;

/** James' JPA mailbox mapper answering lookups from {@link MailboxRows} and keeping it in step with every change. */
public class CachingMailboxMapper extends JPAMailboxMapper {
    private final MailboxRows rows;

    public CachingMailboxMapper(EntityManagerFactory entityManagerFactory, MailboxRows rows) {
        super(entityManagerFactory);
        this.rows = rows;
    }

    /**
     * A remembered row is answered on the caller's thread, the connection's event loop included: IMAP answers
     * stay in order whichever thread a command ends on (InOrderResponses).
     */
    @Override
    public Mono<Mailbox> findMailboxById(MailboxId id) {
        return Mono.fromCallable(() -> rows.byId(id).orElse(null))
            .switchIfEmpty(Mono.defer(() -> super.findMailboxById(id).doOnNext(rows::remember)));
    }

    @Override
    public Mono<Mailbox> findMailboxByPath(MailboxPath path) {
        return Mono.fromCallable(() -> rows.byPath(path).orElse(null))
            .switchIfEmpty(Mono.defer(() -> super.findMailboxByPath(path).doOnNext(rows::remember)));
    }

    @Override
    public Mono<MailboxId> rename(Mailbox mailbox) {
        return changing(mailbox.getMailboxId(), super.rename(mailbox));
    }

    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        return changing(mailbox.getMailboxId(), super.delete(mailbox));
    }

    @Override
    public Mono<ACLDiff> updateACL(Mailbox mailbox, MailboxACL.ACLCommand command) {
        return changing(mailbox.getMailboxId(), super.updateACL(mailbox, command));
    }

    @Override
    public Mono<ACLDiff> setACL(Mailbox mailbox, MailboxACL acl) {
        return changing(mailbox.getMailboxId(), super.setACL(mailbox, acl));
    }

    private <T> Mono<T> changing(MailboxId id, Mono<T> change) {
        return Mono.defer(() -> {
            rows.forget(id);
            return change;
        }).doFinally(signal -> rows.forget(id));
    }
}
