package vn.congvu.mail.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.jpa.JPAId;
import org.apache.james.mailbox.model.MailboxId;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A command's turn: its own writes to the mailboxes it holds take no lock again (one range after another, no
 * waiting behind other writers between them), and other writers wait until the command ends.
 */
class MailboxWritersTest {
    private static final MailboxId INBOX = JPAId.of(1);
    private static final MailboxId OTHER = JPAId.of(2);

    private final MailboxWriters writers = new MailboxWriters();
    private final MailboxSession clerk = session(1);
    private final MailboxSession phone = session(2);
    private final List<String> order = new CopyOnWriteArrayList<>();

    @Test
    void aCommandsRangesAreWrittenInOneTurnAndOtherWritersWaitForItsEnd() throws Exception {
        CountDownLatch commandHoldsTheLock = new CountDownLatch(1);
        CountDownLatch otherWriterQueued = new CountDownLatch(1);
        Mono<Void> command = Mono.fromRunnable(commandHoldsTheLock::countDown)
            .then(Mono.fromCallable(() -> otherWriterQueued.await(10, TimeUnit.SECONDS)))
            .then(range("range 1:3"))
            .then(range("range 7"))
            .then(range("range 9:12"));
        Mono<Void> turn = writers.commandTurn(clerk, List.of(INBOX), command).subscribeOn(Schedulers.boundedElastic());
        Mono<Void> other = Mono.fromCallable(() -> commandHoldsTheLock.await(10, TimeUnit.SECONDS))
            .then(Mono.defer(() -> {
                // Asks for the lock while the command holds it: served once the whole command is over.
                Mono<Void> write = writers.writeReactive(phone, List.of(INBOX), Mono.fromRunnable(() -> order.add("other session")));
                otherWriterQueued.countDown();
                return write;
            }))
            .subscribeOn(Schedulers.boundedElastic());
        Mono.when(turn, other).block(Duration.ofSeconds(30));
        assertEquals(List.of("range 1:3", "range 7", "range 9:12", "other session"), order);
    }

    @Test
    void aCopyHoldingBothMailboxesWritesToBothWithoutLockingAgain() {
        Mono<Void> copy = writers.writeReactive(clerk, List.of(OTHER, INBOX), Mono.fromRunnable(() -> order.add("copy")));
        writers.commandTurn(clerk, List.of(INBOX, OTHER), copy).block(Duration.ofSeconds(10));
        // The turn is over: the locks are free again for anyone, the session included.
        writers.writeReactive(clerk, List.of(INBOX), Mono.fromRunnable(() -> order.add("after"))).block(Duration.ofSeconds(10));
        writers.writeReactive(phone, List.of(OTHER), Mono.fromRunnable(() -> order.add("phone"))).block(Duration.ofSeconds(10));
        assertEquals(List.of("copy", "after", "phone"), order);
    }

    private static MailboxSession session(long id) {
        return new MailboxSession(MailboxSession.SessionId.of(id), Username.of("van.thu@example.gov.vn"), Optional.empty(),
            List.of(Locale.ROOT), '/', MailboxSession.SessionType.User);
    }

    private Mono<Void> range(String name) {
        return writers.writeReactive(clerk, List.of(INBOX), Mono.fromRunnable(() -> order.add(name)));
    }
}
