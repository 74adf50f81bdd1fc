package vn.congvu.gateway.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congvu.gateway.dispatch.ClaimedMessage;
import vn.congvu.gateway.dispatch.DispatchQueue;
import vn.congvu.gateway.dispatch.OutcomeStore;
import vn.congvu.gateway.dispatch.Outcome;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.receipt.ReceiptMatcher;
import vn.congvu.gateway.receipt.ReceiptState;

/** The outbox's SQL on its own: claim order, batches of outcomes, receipts racing acknowledgements. */
class OutboxStoreTest {

    private NoticeInserts inserts;
    private DispatchQueue queue;
    private OutcomeStore outcomes;
    private ReceiptMatcher receipts;
    private StoredNotices stored;

    @BeforeEach
    void database() {
        JdbcTemplate jdbc = new JdbcTemplate(SqliteOutbox.migrated(SqliteOutbox.freshUrl()));
        inserts = new NoticeInserts(jdbc, Clock.systemUTC());
        queue = new DispatchQueue(jdbc, Clock.systemUTC());
        receipts = new ReceiptMatcher(jdbc, Clock.systemUTC());
        outcomes = new OutcomeStore(jdbc, receipts, Clock.systemUTC());
        stored = new StoredNotices(jdbc);
    }

    private long notice(String text, String... numbers) {
        return inserts.createNotice(new NewNotice("vanphong", text, EncodingMode.GSM7,
                        new SmsEncoder(6).encode(text, EncodingMode.GSM7), false),
                java.util.Arrays.stream(numbers).map(n -> new NewMessage(n, n, null)).toList());
    }

    private MessageState state(long noticeId, int recipient) {
        return stored.findNotice(noticeId).orElseThrow().recipients().get(recipient).state();
    }

    @Test
    void receiptBeforeTheAcknowledgementWrittenInTwoBatches() {
        long n = notice("Hop", "84912345678");
        long m = queue.claimReady(10, "node", 1, 0).get(0).id();
        assertFalse(receipts.applyReceipt("acc", "3A000001", ReceiptState.DELIVRD, "000"), "no part yet: kept");
        outcomes.record(List.of(new Outcome.PartAccepted(m, 1, "acc", "973078529")));
        assertEquals(MessageState.SENDING, state(n, 0));
        outcomes.record(List.of(new Outcome.Submitted(m, "acc")));
        assertEquals(MessageState.DELIVERED, state(n, 0));
    }

    @Test
    void receiptBetweenThePartAndTheMessageBeingComplete() {
        long n = notice("Hop", "84912345678");
        long m = queue.claimReady(10, "node", 1, 0).get(0).id();
        outcomes.record(List.of(new Outcome.PartAccepted(m, 1, "acc", "77")));
        assertTrue(receipts.applyReceipt("acc", "4d", ReceiptState.UNDELIV, "012"), "hex 4d is decimal 77");
        outcomes.record(List.of(new Outcome.Submitted(m, "acc")));
        assertEquals(MessageState.UNDELIVERABLE, state(n, 0));
        assertEquals("receipt UNDELIV err:012", stored.findNotice(n).orElseThrow().recipients().get(0).detail());
    }

    /** The dispatcher's form of Submitted on a first send (freshParts known): receipts that raced still count. */
    @Test
    void aFirstSendStillMeetsTheReceiptsThatRacedIt() {
        long early = notice("Hop", "84912345678");
        long m1 = queue.claimReady(10, "node", 1, 0).get(0).id();
        assertFalse(receipts.applyReceipt("acc", "501", ReceiptState.DELIVRD, "000"), "no part yet: kept");
        outcomes.record(List.of(new Outcome.PartAccepted(m1, 1, "acc", "501"), new Outcome.Submitted(m1, "acc", 1)));
        assertEquals(MessageState.DELIVERED, state(early, 0), "receipt before the part, both in one write");

        long between = notice("Hop", "84987654321");
        ClaimedMessage c = queue.claimReady(10, "node", 1, 0).get(0);
        assertFalse(c.claimedBefore());
        outcomes.record(List.of(new Outcome.PartAccepted(c.id(), 1, "acc", "502")));
        assertTrue(receipts.applyReceipt("acc", "502", ReceiptState.UNDELIV, "012"));
        outcomes.record(List.of(new Outcome.Submitted(c.id(), "acc", 1)));
        assertEquals(MessageState.UNDELIVERABLE, state(between, 0), "receipt between the part and the message's end");

        long plain = notice("Hop", "84961234567");
        long m3 = queue.claimReady(10, "node", 1, 0).get(0).id();
        outcomes.record(List.of(new Outcome.PartAccepted(m3, 1, "acc", "503"), new Outcome.Submitted(m3, "acc", 1)));
        assertEquals(MessageState.SUBMITTED, state(plain, 0));
    }

    @Test
    void aMessageClaimedAgainGetsItsAcknowledgedPartsBack() {
        long n = notice("a".repeat(200), "84912345678");
        ClaimedMessage first = queue.claimReady(10, "node-a", 1, 0).get(0);
        assertFalse(first.claimedBefore());
        outcomes.record(List.of(new Outcome.PartAccepted(first.id(), 1, "acc", "601")));
        assertEquals(1, queue.releaseClaimsExcept(Set.of("node-b")), "node-a died with part 2 outstanding");
        ClaimedMessage again = queue.claimReady(10, "node-b", 1, 0).get(0);
        assertTrue(again.claimedBefore());
        assertEquals(Set.of(1), again.acceptedParts(), "part 1 is not sent again");
        assertEquals(MessageState.SENDING, state(n, 0));
    }

    @Test
    void oneStatusPerMultipartMessageAFailedPartWins() {
        String text = "a".repeat(200);
        long n = notice(text, "84912345678");
        long m = queue.claimReady(10, "node", 1, 0).get(0).id();
        outcomes.record(List.of(new Outcome.PartAccepted(m, 1, "acc", "1"), new Outcome.PartAccepted(m, 2, "acc", "2"),
                new Outcome.Submitted(m, "acc")));
        receipts.applyReceipt("acc", "2", ReceiptState.DELIVRD, "000");
        assertEquals(MessageState.DELIVERED, state(n, 0));
        receipts.applyReceipt("acc", "1", ReceiptState.EXPIRED, "027");
        assertEquals(MessageState.EXPIRED, state(n, 0));
    }

    @Test
    void aRecipientsMessagesAreClaimedOneAtATimeInOrder() {
        long first = notice("Mot", "84912345678", "84987654321");
        long second = notice("Hai", "84912345678");
        List<ClaimedMessage> claimed = queue.claimReady(10, "node", 1, 0);
        assertEquals(2, claimed.size(), "the second message to 84912345678 waits");
        long m1 = claimed.stream().filter(c -> c.recipient().equals("84912345678")).findFirst().orElseThrow().id();
        outcomes.record(List.of(new Outcome.Retry(m1, "throttled", 0, true)));
        List<ClaimedMessage> again = queue.claimReady(10, "node", 1, 0);
        assertEquals(List.of(m1), again.stream().map(ClaimedMessage::id).toList(), "the retried one first, not the later one");
        outcomes.record(List.of(new Outcome.PartAccepted(m1, 1, "acc", "9"), new Outcome.Submitted(m1, "acc")));
        List<ClaimedMessage> third = queue.claimReady(10, "node", 1, 0);
        assertEquals(1, third.size());
        assertEquals("Hai", third.get(0).text());
        assertEquals(MessageState.SUBMITTED, state(first, 0));
        assertEquals(MessageState.SENDING, state(second, 0));
    }

    @Test
    void gatewaysClaimDisjointSharesAndOrphansGoBack() {
        String[] numbers = new String[40];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = String.format("84912%06d", i);
        }
        notice("Chia viec", numbers);
        Set<Long> a = new HashSet<>();
        queue.claimReady(100, "node-a", 2, 0).forEach(c -> a.add(c.id()));
        Set<Long> b = new HashSet<>();
        queue.claimReady(100, "node-b", 2, 1).forEach(c -> b.add(c.id()));
        assertEquals(20, a.size());
        assertEquals(20, b.size());
        a.retainAll(b);
        assertTrue(a.isEmpty(), "no message claimed by both");
        assertEquals(20, queue.releaseClaimsExcept(Set.of("node-b")), "node-a died: its 20 go back");
        assertEquals(20, queue.claimReady(100, "node-b", 1, 0).size(), "and the survivor takes them");
    }

    /** Submits one message per number on the given account with the given SMSC id; returns the notice. */
    private long submitted(String account, String smscId, String number) {
        long n = notice("Hop", number);
        long m = stored.messageIds(n).get(0);
        assertTrue(queue.claimReady(10, "node", 1, 0).stream().anyMatch(c -> c.id() == m));
        outcomes.record(List.of(new Outcome.PartAccepted(m, 1, account, smscId), new Outcome.Submitted(m, account)));
        return n;
    }

    @Test
    void aReceiptOnAnotherAccountMatchesTheOnePartWithItsId() {
        long n = submitted("viettel-tx", "5f3a", "84961234567");
        assertTrue(receipts.applyReceipt("viettel-rx", "24378", ReceiptState.DELIVRD, "000"),
                "decimal 24378 is hex 5f3a, submitted on the other account");
        assertEquals(MessageState.DELIVERED, state(n, 0));
    }

    @Test
    void theReceivingAccountsOwnPartWinsOverAnotherAccounts() {
        long other = submitted("mobifone", "777", "84901234567");
        long own = submitted("viettel", "777", "84961234567");
        assertTrue(receipts.applyReceipt("viettel", "777", ReceiptState.UNDELIV, "011"));
        assertEquals(MessageState.UNDELIVERABLE, state(own, 0));
        assertEquals(MessageState.SUBMITTED, state(other, 0), "the same id on another account is left alone");
    }

    @Test
    void anIdUsedByTwoOtherAccountsIsNotGuessed() {
        long a = submitted("mobifone", "4242", "84901234567");
        long b = submitted("vinaphone", "4242", "84911234567");
        assertFalse(receipts.applyReceipt("viettel", "4242", ReceiptState.DELIVRD, "000"), "ambiguous: kept unmatched");
        assertEquals(MessageState.SUBMITTED, state(a, 0));
        assertEquals(MessageState.SUBMITTED, state(b, 0));
    }

    @Test
    void anEarlyReceiptOnAnotherAccountIsAppliedWhenThePartIsStored() {
        long n = notice("Hop", "84961234567");
        long m = queue.claimReady(10, "node", 1, 0).get(0).id();
        assertFalse(receipts.applyReceipt("viettel-rx", "9001", ReceiptState.DELIVRD, "000"), "no part yet: kept");
        outcomes.record(List.of(new Outcome.PartAccepted(m, 1, "viettel-tx", "9001"), new Outcome.Submitted(m, "viettel-tx")));
        assertEquals(MessageState.DELIVERED, state(n, 0));
    }
}
