package vn.congvu.mail.storage.read;

import java.sql.SQLException;

import javax.persistence.EntityManagerFactory;

import org.apache.james.mailbox.acl.ACLDiff;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.jpa.mail.JPAMailboxMapper;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import vn.congvu.mail.storage.jdbc.JpaDataSource;
import vn.congvu.mail.storage.jdbc.MessageFlagRows;

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

    /**
     * The messages' own rows first: on Derby no foreign key deletes them
     * ({@link vn.congvu.mail.storage.jdbc.CascadeFreeMessageRows}).
     */
    @Override
    public Mono<Void> delete(Mailbox mailbox) {
        Mono<Void> messageRows = Mono.<Void>fromCallable(() -> JpaDataSource.inEntityManagerTransaction(getEntityManager(),
                connection -> {
                    MessageFlagRows.delete(connection, ((JPAId) mailbox.getMailboxId()).getRawId(), MessageRange.all());
                    return null;
                }))
            .onErrorMap(SQLException.class, e -> new MailboxException("Deleting the messages of " + mailbox + " failed", e))
            .subscribeOn(Schedulers.boundedElastic());
        return changing(mailbox.getMailboxId(), messageRows.then(super.delete(mailbox)));
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
