package vn.congvu.gateway.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.congvu.gateway.encoding.EncodedSms;
import vn.congvu.gateway.encoding.EncodingMode;
import vn.congvu.gateway.encoding.SmsEncoder;
import vn.congvu.gateway.smsc.ScriptedSmsc;

class SmscSessionTest {

    private ScriptedSmsc smsc;
    private SmscSession session;
    private final List<String[]> receipts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSmsc() throws Exception {
        smsc = new ScriptedSmsc();
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        smsc.close();
    }

    static SmscAccount account(String name, int port, int window, int tps, SmscAccount.BindMode mode) {
        return new SmscAccount(name, "127.0.0.1", port, "cv_" + name, "s3cret", "VMA", mode, window, tps,
                Duration.ofSeconds(30), Duration.ofMillis(800), Duration.ofMillis(600), Duration.ofMillis(50),
                Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(40), Duration.ofMillis(200),
                List.of(), false);
    }

    private SmscSession start(SmscAccount account) throws InterruptedException {
        SmppProperties props = new SmppProperties("CONGVU", true, Duration.ofHours(24), true, List.of(account));
        session = new SmscSession(account, new Brandname("CONGVU"), props,
                (acc, text, id, state) -> receipts.add(new String[] {acc, text, id}));
        session.start();
        assertTrue(await(session::canSubmit, 5000), "bound");
        return session;
    }

    private static Submission single(String text, EncodingMode mode) {
        EncodedSms sms = new SmsEncoder(6).encode(text, mode);
        return new Submission("84912345678", sms.alphabet(), sms.shortMessages(0).get(0), false);
    }

    @Test
    void bindsWithCredentialsAndSendsBrandnameTon5Npi0() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        assertEquals(1, smsc.bindRequests().size());
        var bind = smsc.bindRequests().get(0);
        assertEquals("cv_viettel", bind.getSystemId());
        assertEquals("s3cret", bind.getPassword());
        assertEquals("VMA", bind.getSystemType());
        assertEquals(SmppConstants.CMD_ID_BIND_TRANSCEIVER, bind.getCommandId());

        SubmitOutcome outcome = session.submit(single("Họp khẩn lúc 14h, Đảng ủy", EncodingMode.GSM7));
        SubmitOutcome.Accepted accepted = assertInstanceOf(SubmitOutcome.Accepted.class, outcome);
        ScriptedSmsc.Received r = smsc.received().get(0);
        assertEquals(r.messageId(), accepted.messageId());
        SubmitSm pdu = r.pdu();
        assertEquals("CONGVU", pdu.getSourceAddress().getAddress());
        assertEquals(5, pdu.getSourceAddress().getTon());
        assertEquals(0, pdu.getSourceAddress().getNpi());
        assertEquals("84912345678", pdu.getDestAddress().getAddress());
        assertEquals(1, pdu.getDestAddress().getTon());
        assertEquals(1, pdu.getDestAddress().getNpi());
        assertEquals(0x00, pdu.getDataCoding());
        assertEquals(0x00, pdu.getEsmClass());
        assertEquals(0x01, pdu.getRegisteredDelivery());
        assertEquals("000001000000000R", pdu.getValidityPeriod());
        assertArrayEquals("Hop khan luc 14h, Dang uy".getBytes(java.nio.charset.StandardCharsets.US_ASCII), pdu.getShortMessage());
    }

    @Test
    void concatenatedUcs2PartsArriveWithUdhiAndExactBytes() throws Exception {
        start(account("vina", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        String text = "Thường trực Tỉnh ủy đề nghị các đồng chí dự họp khẩn tại Hội trường lớn, 14 giờ chiều nay. Trân trọng.";
        EncodedSms sms = new SmsEncoder(6).encode(text, EncodingMode.UCS2);
        assertEquals(2, sms.parts());
        List<byte[]> parts = sms.shortMessages(0x2C);
        for (byte[] part : parts) {
            assertInstanceOf(SubmitOutcome.Accepted.class, session.submit(new Submission("84912345678", sms.alphabet(), part, true)));
        }
        List<ScriptedSmsc.Received> got = smsc.received();
        assertEquals(2, got.size());
        for (int i = 0; i < 2; i++) {
            SubmitSm pdu = got.get(i).pdu();
            assertEquals(0x08, pdu.getDataCoding());
            assertEquals(0x40, pdu.getEsmClass() & 0x40, "UDHI set");
            assertArrayEquals(parts.get(i), pdu.getShortMessage());
            assertArrayEquals(new byte[] {5, 0, 3, 0x2C, 2, (byte) (i + 1)}, java.util.Arrays.copyOf(pdu.getShortMessage(), 6));
        }
        // the first part starts "Thư": U+0054 U+0068 U+01B0 right after the header
        assertArrayEquals(new byte[] {0x00, 0x54, 0x00, 0x68, 0x01, (byte) 0xB0},
                java.util.Arrays.copyOfRange(got.get(0).pdu().getShortMessage(), 6, 12));
    }

    @Test
    void keepsAWindowOfOutstandingSubmits() throws Exception {
        smsc.respondAfter(150);
        start(account("mobi", smsc.port(), 4, 0, SmscAccount.BindMode.TRANSCEIVER));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SubmitOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> session.submit(single("Hop luc 14h", EncodingMode.GSM7))));
            }
            for (Future<SubmitOutcome> f : futures) {
                assertInstanceOf(SubmitOutcome.Accepted.class, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // several outstanding at once (async window), never more than the window
        assertEquals(4, smsc.maxOutstanding());
    }

    @Test
    void throttlingPausesAndResendsTheSamePart() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        smsc.answerNext(CommandStatus.ESME_RTHROTTLED, CommandStatus.ESME_RMSGQFUL);
        SubmitOutcome outcome = session.submit(single("Thong bao 1", EncodingMode.GSM7));
        assertInstanceOf(SubmitOutcome.Accepted.class, outcome);
        List<ScriptedSmsc.Received> got = smsc.received();
        assertEquals(3, got.size());
        assertEquals(2, session.throttledCount());
        // paused 40 ms, then 80 ms (doubling) before the resends
        assertTrue(got.get(1).atNanos() - got.get(0).atNanos() >= 35_000_000L);
        assertTrue(got.get(2).atNanos() - got.get(1).atNanos() >= 75_000_000L);
        assertArrayEquals(got.get(0).shortMessage(), got.get(2).shortMessage());
    }

    @Test
    void persistentThrottlingHandsTheMessageBackForLater() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        smsc.answerNext(0x58, 0x58, 0x58, 0x58, 0x58);
        SubmitOutcome.RetryLater later = assertInstanceOf(SubmitOutcome.RetryLater.class,
                session.submit(single("Thong bao 2", EncodingMode.GSM7)));
        assertTrue(later.reason().contains("ESME_RTHROTTLED"), later.reason());
        assertEquals(5, smsc.received().size());
    }

    @Test
    void permanentErrorFailsWithTheSmscReason() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        smsc.answerNext(SmppConstants.STATUS_INVDSTADR);
        SubmitOutcome.Failed failed = assertInstanceOf(SubmitOutcome.Failed.class,
                session.submit(single("Thong bao 3", EncodingMode.GSM7)));
        assertEquals("0x0000000B ESME_RINVDSTADR invalid destination address", failed.reason());
    }

    @Test
    void slowAnswerPastTheTimeoutIsRetriedLater() throws Exception {
        smsc.respondAfter(1500);
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        SubmitOutcome.RetryLater later = assertInstanceOf(SubmitOutcome.RetryLater.class,
                session.submit(single("Thong bao 4", EncodingMode.GSM7)));
        assertTrue(later.reason().contains("no submit_sm_resp"), later.reason());
        assertEquals(0x01, smsc.received().get(0).pdu().getRegisteredDelivery());
    }

    @Test
    void reconnectsAfterTheSmscDropsTheConnection() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        smsc.dropConnections();
        assertTrue(await(() -> !session.canSubmit(), 3000), "noticed the drop");
        assertTrue(await(session::canSubmit, 5000), "bound again");
        assertEquals(2, smsc.bindRequests().size());
        assertInstanceOf(SubmitOutcome.Accepted.class, session.submit(single("Sau khi noi lai", EncodingMode.GSM7)));
    }

    @Test
    void refusedBindsBackOffInsteadOfStorming() throws Exception {
        smsc.refuseNextBinds(100, SmppConstants.STATUS_ALYBND);
        SmscAccount account = account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER);
        SmppProperties props = new SmppProperties("CONGVU", true, Duration.ofHours(24), true, List.of(account));
        session = new SmscSession(account, new Brandname("CONGVU"), props, (a, t, i, s) -> { });
        session.start();
        // ch-smpp may close the socket before its refusing bind_resp is out: jsmpp then waits the bind timeout
        assertTrue(await(() -> smsc.bindRequests().size() >= 4, 8000), "keeps trying");
        // the delays between attempts (growing, jittered, never a storm) are ReconnectBackoffTest's
        // ch-smpp sometimes closes the socket before the refusing bind_resp reaches us: then it is a timeout
        assertTrue(session.describe().contains("ESME_RALYBND") || session.describe().contains("bind response"),
                session.describe());
        assertTrue(!session.canSubmit());
        smsc.refuseNextBinds(0, 0);
        assertTrue(await(session::canSubmit, 3000), "binds once the SMSC lets go of the stale bind");
    }

    @Test
    void unbindsCleanlyOnClose() throws Exception {
        start(account("viettel", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSCEIVER));
        session.close();
        session = null;
        assertTrue(await(() -> smsc.unbinds() == 1, 3000), "unbind sent");
        assertTrue(await(() -> smsc.boundSessions() == 0, 3000), "connection closed");
    }

    @Test
    void holdsTheTpsLimit() throws Exception {
        start(account("viettel", smsc.port(), 10, 20, SmscAccount.BindMode.TRANSCEIVER));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        long start = System.nanoTime();
        try {
            List<Future<SubmitOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                futures.add(pool.submit(() -> session.submit(single("TPS", EncodingMode.GSM7))));
            }
            for (Future<SubmitOutcome> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // 11 submits at 20/s: the last one no earlier than 500 ms after the first
        assertTrue(elapsedMs >= 480, "elapsed " + elapsedMs);
        List<ScriptedSmsc.Received> got = smsc.received();
        long span = got.get(got.size() - 1).atNanos() - got.get(0).atNanos();
        assertTrue(span >= 480_000_000L, "span " + span);
    }

    @Test
    void transmitterAndReceiverBindsCarrySubmitsAndReceipts() throws Exception {
        start(account("gmobile", smsc.port(), 10, 0, SmscAccount.BindMode.TRANSMITTER_RECEIVER));
        assertTrue(await(session::fullyBound, 3000));
        assertEquals(List.of(SmppConstants.CMD_ID_BIND_RECEIVER, SmppConstants.CMD_ID_BIND_TRANSMITTER),
                smsc.bindRequests().stream().map(b -> b.getCommandId()).sorted().toList());
        SubmitOutcome.Accepted a = assertInstanceOf(SubmitOutcome.Accepted.class, session.submit(single("TX", EncodingMode.GSM7)));
        smsc.sendReceipt(a.messageId(), "DELIVRD", "000", true);
        assertTrue(await(() -> receipts.size() == 1, 3000));
        assertEquals("gmobile", receipts.get(0)[0]);
        assertTrue(receipts.get(0)[1].contains("stat:DELIVRD"));
        assertEquals(a.messageId(), receipts.get(0)[2]);
    }
}
