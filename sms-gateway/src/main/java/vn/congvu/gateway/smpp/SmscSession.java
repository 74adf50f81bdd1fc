package vn.congvu.gateway.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMSC account: its bind(s), its window of outstanding submit_sm, its TPS limit and its reaction to
 * throttling. {@link #submit} is called from as many threads as the window allows; jsmpp matches the
 * responses by sequence number, so those submits are outstanding together.
 */
public final class SmscSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmscSession.class);
    private static final int SYSTEM_ERROR = 0x08;
    /** In-place waits for a throttled part before it goes back to the outbox. */
    private static final int THROTTLE_RETRIES_IN_PLACE = 4;

    private final SmscAccount account;
    private final Brandname brandname;
    private final SmppProperties properties;
    private final ReceiptListener receipts;
    private final SendRate rate;
    private final Semaphore window;
    private final ThrottleGate gate;
    private final ScheduledExecutorService scheduler;
    private final List<SmscBind> binds;
    private final SmscBind transmitter;
    private final AtomicLong throttledCount = new AtomicLong();
    private final String validityPeriod;

    public SmscSession(SmscAccount account, Brandname brandname, SmppProperties properties, ReceiptListener receipts,
                       SendRate rate) {
        this.account = account;
        this.brandname = brandname;
        this.properties = properties;
        this.receipts = receipts;
        this.rate = rate;
        this.window = new Semaphore(account.window());
        this.gate = new ThrottleGate(account.throttleMin(), account.throttleMax());
        this.validityPeriod = ValidityPeriod.relative(properties.validity());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smsc-" + account.name() + "-bind");
            t.setDaemon(true);
            return t;
        });
        MessageReceiverListener listener = new Receiver();
        if (account.bind() == SmscAccount.BindMode.TRANSCEIVER) {
            transmitter = new SmscBind(account, BindType.BIND_TRX, listener, scheduler);
            binds = List.of(transmitter);
        } else {
            transmitter = new SmscBind(account, BindType.BIND_TX, listener, scheduler);
            binds = List.of(transmitter, new SmscBind(account, BindType.BIND_RX, listener, scheduler));
        }
    }

    public SmscSession(SmscAccount account, Brandname brandname, SmppProperties properties, ReceiptListener receipts) {
        this(account, brandname, properties, receipts, new LocalSendRate(account.tps()));
    }

    public void start() {
        binds.forEach(SmscBind::start);
    }

    public String name() {
        return account.name();
    }

    public SmscAccount account() {
        return account;
    }

    /** Whether submits can go out now. */
    public boolean canSubmit() {
        return transmitter.isBound();
    }

    /** Every bind of the account is up (receipts included). */
    public boolean fullyBound() {
        return binds.stream().allMatch(SmscBind::isBound);
    }

    public String describe() {
        StringBuilder s = new StringBuilder(account.name()).append(": ");
        binds.forEach(b -> s.append(b.describe()).append("; "));
        if (gate.isClosed()) {
            s.append("throttled by SMSC; ");
        }
        return s.toString().trim();
    }

    public long throttledCount() {
        return throttledCount.get();
    }

    int bindAttempts() {
        return binds.stream().mapToInt(SmscBind::bindAttempts).sum();
    }

    /** Submits one part; blocks for a window slot, the TPS limit and any throttling pause. */
    public SubmitOutcome submit(Submission submission) throws InterruptedException {
        window.acquire();
        try {
            for (int attempt = 0; ; attempt++) {
                gate.awaitOpen();
                rate.acquire();
                SMPPSession session = transmitter.session();
                if (session == null) {
                    return new SubmitOutcome.RetryLater("SMSC " + account.name() + " not bound", account.reconnectMin());
                }
                try {
                    String id = send(session, submission);
                    gate.accepted();
                    return new SubmitOutcome.Accepted(id);
                } catch (NegativeResponseException e) {
                    int status = e.getCommandStatus();
                    if (CommandStatus.isThrottling(status)) {
                        throttledCount.incrementAndGet();
                        Duration pause = gate.throttled();
                        log.debug("SMSC {} throttles ({}); pausing {} ms", account.name(), CommandStatus.describe(status), pause.toMillis());
                        if (attempt < THROTTLE_RETRIES_IN_PLACE) {
                            continue; // same part again after the pause: nothing overtakes it
                        }
                        return new SubmitOutcome.RetryLater(CommandStatus.describe(status), account.throttleMax());
                    }
                    if (CommandStatus.isTransient(status)) {
                        return new SubmitOutcome.RetryLater(CommandStatus.describe(status), account.reconnectMin());
                    }
                    return new SubmitOutcome.Failed(CommandStatus.describe(status));
                } catch (ResponseTimeoutException e) {
                    // the SMSC may or may not have it; the receipt request goes out again with the resend
                    return new SubmitOutcome.RetryLater("no submit_sm_resp within "
                            + account.responseTimeout().toMillis() + " ms", account.reconnectMin());
                } catch (IOException | InvalidResponseException e) {
                    return new SubmitOutcome.RetryLater("SMSC " + account.name() + ": " + e.getMessage(), account.reconnectMin());
                } catch (PDUException e) {
                    return new SubmitOutcome.Failed("cannot encode submit_sm: " + e.getMessage());
                }
            }
        } finally {
            window.release();
        }
    }

    private String send(SMPPSession session, Submission s) throws PDUException, ResponseTimeoutException,
            InvalidResponseException, NegativeResponseException, IOException {
        ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                s.concatenated() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        RegisteredDelivery receipt = new RegisteredDelivery(properties.requestReceipts()
                ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
        return session.submitShortMessage("",
                TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, brandname.value(),
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, s.destination(),
                esm, (byte) 0, (byte) 0, null, validityPeriod, receipt,
                (byte) 0, new RawDataCoding(s.alphabet().dataCoding()), (byte) 0, s.shortMessage()).getMessageId();
    }

    @Override
    public void close() {
        binds.forEach(SmscBind::stop);
        scheduler.shutdownNow();
    }

    /** deliver_sm from either bind: receipts go to the receipt step, anything else is acknowledged and logged. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                log.info("SMSC {}: mobile-originated message from {} ignored", account.name(), deliverSm.getSourceAddr());
                return;
            }
            byte[] body = deliverSm.getShortMessage();
            String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
            String receiptedId = null;
            Integer state = null;
            OptionalParameter idTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            if (idTlv instanceof OptionalParameter.OctetString o) {
                receiptedId = o.getValueAsString();
            }
            OptionalParameter stateTlv = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
            if (stateTlv instanceof OptionalParameter.Byte b) {
                state = (int) b.getValue();
            }
            try {
                receipts.onReceipt(account.name(), text, receiptedId, state);
            } catch (RuntimeException e) {
                log.warn("SMSC {}: receipt not stored, asking the SMSC to resend it: {}", account.name(), e.toString());
                throw new ProcessRequestException("receipt not stored", SYSTEM_ERROR, e);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", 0x03);
        }
    }
}
