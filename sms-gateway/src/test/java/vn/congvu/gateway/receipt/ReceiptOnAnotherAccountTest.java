package vn.congvu.gateway.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.congvu.gateway.smsc.ScriptedSmsc.await;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congvu.gateway.notice.NoticeRequest;
import vn.congvu.gateway.notice.NoticeService;
import vn.congvu.gateway.outbox.MessageState;
import vn.congvu.gateway.notice.StoredNotices;
import vn.congvu.gateway.smsc.GatewayTestProperties;
import vn.congvu.gateway.smsc.ScriptedSmsc;
import vn.congvu.gateway.smsc.TestSenders;
import vn.congvu.gateway.outbox.SqliteOutbox;

/**
 * Telcos send some receipts on another account than the one that submitted (a receipts-only system_id of the
 * same telco): the gateway submits on one account of the ch-smpp server and gets the receipt on the other.
 */
@SpringBootTest
@Import(TestSenders.Logins.class)
// closed after the class: a cached context would keep logging set up for its home, and tests that start their
// own gateway later (SimulatorRunTest reads its audit.log) would log elsewhere
@DirtiesContext
class ReceiptOnAnotherAccountTest {

    static final ScriptedSmsc smsc = ScriptedSmsc.startUnchecked();
    static final String SUBMITTING = "congvu_test";
    static final String RECEIPTS = "congvu_dlr";

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayTestProperties.account(registry, smsc, SqliteOutbox.freshUrl());
        String b = "gateway.smpp.accounts[1].";
        registry.add(b + "name", () -> "test-receipts");
        registry.add(b + "host", () -> "127.0.0.1");
        registry.add(b + "port", smsc::port);
        registry.add(b + "system-id", () -> RECEIPTS);
        registry.add(b + "password", () -> "pw");
        registry.add(b + "window", () -> 1);
        registry.add(b + "tps", () -> 0);
        registry.add(b + "reconnect-min", () -> "50ms");
        registry.add(b + "reconnect-max", () -> "300ms");
    }

    @AfterAll
    static void stop() {
        smsc.close();
    }

    @Autowired
    NoticeService notices;
    @Autowired
    StoredNotices stored;

    private int receivedBefore;

    @BeforeEach
    void bound() throws Exception {
        assertTrue(await(() -> smsc.boundSessions() == 2, 5000), "both accounts bound");
        receivedBefore = smsc.received().size();
    }

    private List<ScriptedSmsc.Received> newSubmits() {
        List<ScriptedSmsc.Received> all = smsc.received();
        return all.subList(receivedBefore, all.size());
    }

    private boolean stateBecomes(long notice, MessageState expected) throws InterruptedException {
        return await(() -> stored.findNotice(notice).orElseThrow().recipients().get(0).state() == expected, 5000);
    }

    private long send(String number) {
        return notices.accept(TestSenders.SENDER, new NoticeRequest("Hop giao ban 8h", List.of(number), null, null,
                null, null, null, null)).id();
    }

    @Test
    void aReceiptOnTheOtherAccountOfTheTelcoMarksTheMessage() throws Exception {
        long id = send("0961234567");
        assertTrue(await(() -> newSubmits().size() == 1, 5000));
        ScriptedSmsc.Received submit = newSubmits().get(0);
        assertEquals(SUBMITTING, submit.systemId(), "submitted on the default account");
        assertTrue(stateBecomes(id, MessageState.SUBMITTED));

        smsc.sendReceipt(RECEIPTS, submit.messageId(), "DELIVRD", "000", false);
        assertTrue(stateBecomes(id, MessageState.DELIVERED), "matched by SMSC id across the telco's accounts");
    }

    @Test
    void anEarlyReceiptOnTheOtherAccountWaitsForItsSubmitResponse() throws Exception {
        smsc.respondAfter(400);
        try {
            long id = send("0971234567");
            assertTrue(await(() -> newSubmits().size() == 1, 5000));
            // the SMSC has the id but its submit_sm_resp is still on its way; the receipt comes on the other account
            smsc.sendReceipt(RECEIPTS, newSubmits().get(0).messageId(), "UNDELIV", "011", true);
            assertTrue(stateBecomes(id, MessageState.UNDELIVERABLE));
        } finally {
            smsc.respondAfter(0);
        }
    }
}
