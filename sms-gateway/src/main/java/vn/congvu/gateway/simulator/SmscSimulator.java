package vn.congvu.gateway.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in SMSC for the default run, on loopback only: it accepts any bind, answers every submit_sm and,
 * when a receipt was asked for, sends a DELIVRD receipt a moment later. Nothing reaches a phone.
 */
public final class SmscSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final DateTimeFormatter RECEIPT_TIME = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private final long receiptDelayMillis;
    private final SMPPServerSessionListener listener;
    private final ScheduledExecutorService workers;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);
    private final AtomicLong submits = new AtomicLong();
    private final int port;
    private volatile boolean running = true;

    public SmscSimulator(int port, long receiptDelayMillis) throws IOException {
        this.receiptDelayMillis = receiptDelayMillis;
        LoopbackServerSockets sockets = new LoopbackServerSockets();
        this.listener = new SMPPServerSessionListener(port, sockets);
        this.port = sockets.boundPort;
        this.listener.setMessageReceiverListener(new Receiver());
        this.workers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "smsc-simulator");
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::acceptLoop);
        log.warn("SMSC SIMULATOR listening on 127.0.0.1:{}: SMS are NOT delivered to any phone."
                + " Set CONGVU_SMSC_HOST to use a real SMSC.", this.port);
    }

    public int port() {
        return port;
    }

    public long submits() {
        return submits.get();
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                workers.execute(() -> bind(session));
            } catch (IOException e) {
                if (running) {
                    log.warn("SMSC simulator: accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            request.accept("CONGVU-SIM");
            sessions.add(session);
            session.addSessionStateListener((newState, old, source) -> {
                if (!newState.isBound()) {
                    sessions.remove(session);
                }
            });
            log.info("SMSC simulator: {} bound as {}", request.getSystemId(), request.getBindType());
        } catch (Exception e) {
            log.info("SMSC simulator: no bind on a new connection ({})", e.toString());
            session.close();
        }
    }

    private void receipt(String id, SubmitSm submit, SMPPServerSession origin) {
        String now = LocalDateTime.now().format(RECEIPT_TIME);
        String text = "id:" + id + " sub:001 dlvrd:001 submit date:" + now + " done date:" + now
                + " stat:DELIVRD err:000 text:";
        SMPPServerSession target = origin.getSessionState().isReceivable() ? origin
                : sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst().orElse(null);
        if (target == null) {
            return;
        }
        try {
            target.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, submit.getDestAddress(),
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, submit.getSourceAddr(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), new RawDataCoding((byte) 0),
                    text.getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), id));
        } catch (Exception e) {
            log.debug("SMSC simulator: receipt {} not delivered: {}", id, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        sessions.forEach(SMPPServerSession::unbindAndClose);
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
            submits.incrementAndGet();
            String id = Long.toHexString(ids.incrementAndGet());
            if ((submit.getRegisteredDelivery() & 0x03) != 0) {
                workers.schedule(() -> receipt(id, submit, source), receiptDelayMillis, TimeUnit.MILLISECONDS);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException("bad id", 0x08);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("submit_multi");
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("query_sm");
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("replace_sm");
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("cancel_sm");
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("broadcast_sm");
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("cancel_broadcast_sm");
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw notSimulated("query_broadcast_sm");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw notSimulated("data_sm");
        }

        /** ESME_RINVCMDID: the simulator answers only what CongVu sends (bind, submit_sm, enquire_link). */
        private static ProcessRequestException notSimulated(String operation) {
            return new ProcessRequestException(operation + " not simulated", 0x03);
        }
    }

    /** jsmpp listens on every interface by default; the simulator stays on loopback. */
    private static final class LoopbackServerSockets implements ServerConnectionFactory {
        volatile int boundPort;

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 50);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            ServerSocket socket = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(timeout);
            boundPort = socket.getLocalPort();
            return new ServerSocketConnection(socket);
        }
    }
}
