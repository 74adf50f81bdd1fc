package vn.congvu.gateway.smsc;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.pdu.Unbind;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * An SMSC we did not write (cloudhopper ch-smpp's server) on an ephemeral loopback port, scripted to
 * misbehave the way real SMSCs do: throttling, full queue, slow answers, dropped connections, refused
 * binds, receipt ids in hex or decimal.
 */
public final class ScriptedSmsc implements AutoCloseable {

    /** How the SMSC writes its message ids. */
    public enum IdStyle { DECIMAL, HEX }

    /** One submit_sm as the SMSC got it, with what it answered (messageId null when refused or unanswered). */
    public record Received(String systemId, SubmitSm pdu, String messageId, int status, long atNanos) {
        public byte[] shortMessage() {
            return pdu.getShortMessage();
        }
    }

    private final DefaultSmppServer server;
    private final ScheduledExecutorService delayer = Executors.newScheduledThreadPool(2);
    private final List<SmppServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<BaseBind<?>> bindRequests = new CopyOnWriteArrayList<>();
    private final List<Long> bindNanos = new CopyOnWriteArrayList<>();
    private final Deque<Integer> nextStatuses = new ConcurrentLinkedDeque<>();
    private final AtomicInteger refuseBinds = new AtomicInteger();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private final AtomicInteger unbinds = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(0x3A00_0000L);
    private volatile int refuseStatus = SmppConstants.STATUS_ALYBND;
    private volatile long responseDelayMillis;
    private volatile int dropAfterSubmits = -1;
    private volatile IdStyle idStyle = IdStyle.DECIMAL;
    private final int port;

    public ScriptedSmsc() throws Exception {
        SmppServerConfiguration config = new SmppServerConfiguration();
        config.setHost("127.0.0.1");
        config.setPort(0);
        config.setName("scripted-smsc");
        config.setSystemId("SCRIPTED");
        config.setNonBlockingSocketsEnabled(true);
        config.setReuseAddress(true);
        config.setDefaultWindowSize(1000);
        config.setDefaultRequestExpiryTimeout(30_000);
        config.setMaxConnectionSize(20);
        config.setJmxEnabled(false);
        server = new DefaultSmppServer(config, new Handler(), Executors.newCachedThreadPool());
        server.start();
        port = boundPort(server);
    }

    /** For a static field of a test class, where a checked exception cannot go. */
    public static ScriptedSmsc startUnchecked() {
        try {
            return new ScriptedSmsc();
        } catch (Exception e) {
            throw new IllegalStateException("the ch-smpp server did not start", e);
        }
    }

    /** ch-smpp does not expose the port it got for port 0. */
    private static int boundPort(DefaultSmppServer server) throws Exception {
        Field f = DefaultSmppServer.class.getDeclaredField("serverChannel");
        f.setAccessible(true);
        org.jboss.netty.channel.Channel channel = (org.jboss.netty.channel.Channel) f.get(server);
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    public int port() {
        return port;
    }

    /** The next submit_sm get these command statuses, in order; then 0 again. */
    public void answerNext(int... statuses) {
        for (int s : statuses) {
            nextStatuses.add(s);
        }
    }

    public void respondAfter(long millis) {
        responseDelayMillis = millis;
    }

    public void refuseNextBinds(int count, int status) {
        refuseStatus = status;
        refuseBinds.set(count);
    }

    public void idStyle(IdStyle style) {
        idStyle = style;
    }

    /** Closes the connection right after receiving the n-th next submit_sm, without answering it. */
    public void dropAfterNextSubmits(int n) {
        dropAfterSubmits = n;
    }

    /** Closes every connection now, as a crashing SMSC or a broken link would. */
    public void dropConnections() {
        for (SmppServerSession s : sessions) {
            s.destroy();
        }
        sessions.clear();
    }

    /** Closes the connections of one system_id only (one gateway of several). */
    public void dropConnections(String systemId) {
        for (SmppServerSession s : sessions) {
            if (systemId.equals(s.getConfiguration().getSystemId())) {
                s.destroy();
                sessions.remove(s);
            }
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    public int receivedCount() {
        return received.size();
    }

    public List<BaseBind<?>> bindRequests() {
        return new ArrayList<>(bindRequests);
    }

    /** System.nanoTime() of each bind request, in order. */
    public List<Long> bindTimes() {
        return new ArrayList<>(bindNanos);
    }

    public int maxOutstanding() {
        return maxOutstanding.get();
    }

    public int unbinds() {
        return unbinds.get();
    }

    public int boundSessions() {
        return (int) sessions.stream().filter(SmppServerSession::isBound).count();
    }

    /** Sends a receipt in the classic text format on a bind that can receive. */
    public void sendReceipt(String id, String stat, String err, boolean withTlv) throws Exception {
        sendReceipt(null, id, stat, err, withTlv);
    }

    /** Sends a receipt in the classic text format on a receiving bind of the account {@code systemId}. */
    public void sendReceipt(String systemId, String id, String stat, String err, boolean withTlv) throws Exception {
        String text = "id:" + id + " sub:001 dlvrd:" + ("DELIVRD".equals(stat) ? "001" : "000")
                + " submit date:2611210930 done date:2611210931 stat:" + stat + " err:" + err + " text:Thong bao";
        sendReceiptText(systemId, text, withTlv ? id : null);
    }

    public void sendReceiptText(String text, String tlvId) throws Exception {
        sendReceiptText(null, text, tlvId);
    }

    /** Sends a receipt on a receiving bind of the account {@code systemId} (any account when null). */
    public void sendReceiptText(String systemId, String text, String tlvId) throws Exception {
        SmppServerSession target = sessions.stream()
                .filter(s -> s.isBound() && s.getBindType() != com.cloudhopper.smpp.SmppBindType.TRANSMITTER)
                .filter(s -> systemId == null || systemId.equals(s.getConfiguration().getSystemId()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no receiving bind for " + systemId));
        DeliverSm dlr = new DeliverSm();
        dlr.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
        dlr.setSourceAddress(new Address((byte) 1, (byte) 1, "84912345678"));
        dlr.setDestAddress(new Address((byte) 5, (byte) 0, "CONGVU"));
        dlr.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
        if (tlvId != null) {
            byte[] v = (tlvId + "\0").getBytes(StandardCharsets.ISO_8859_1);
            dlr.addOptionalParameter(new Tlv(SmppConstants.TAG_RECEIPTED_MSG_ID, v));
        }
        target.sendRequestPdu(dlr, 5000, false);
    }

    /** Waits (bounded) for a condition on this SMSC. */
    public static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private String newId() {
        long n = nextId.incrementAndGet();
        return idStyle == IdStyle.HEX ? Long.toHexString(n) : Long.toString(n);
    }

    private volatile boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        delayer.shutdownNow();
        server.destroy();
    }

    private final class Handler implements SmppServerHandler {
        @Override
        public void sessionBindRequested(Long sessionId, SmppSessionConfiguration configuration, BaseBind bind)
                throws SmppProcessingException {
            bindRequests.add(bind);
            bindNanos.add(System.nanoTime());
            if (refuseBinds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SmppProcessingException(refuseStatus);
            }
        }

        @Override
        public void sessionCreated(Long sessionId, SmppServerSession session, BaseBindResp resp) {
            sessions.add(session);
            session.serverReady(new SessionHandler(session));
        }

        @Override
        public void sessionDestroyed(Long sessionId, SmppServerSession session) {
            sessions.remove(session);
            session.destroy();
        }
    }

    private final class SessionHandler extends DefaultSmppSessionHandler {
        private final SmppServerSession session;

        SessionHandler(SmppServerSession session) {
            this.session = session;
        }

        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof Unbind) {
                unbinds.incrementAndGet();
                return request.createResponse();
            }
            if (!(request instanceof SubmitSm submit)) {
                return request.createResponse();
            }
            long at = System.nanoTime();
            String systemId = session.getConfiguration().getSystemId();
            int now = outstanding.incrementAndGet();
            maxOutstanding.accumulateAndGet(now, Math::max);
            int drop = dropAfterSubmits;
            if (drop > 0 && --dropAfterSubmits == 0) {
                outstanding.decrementAndGet();
                dropAfterSubmits = -1;
                received.add(new Received(systemId, submit, null, -1, at));
                delayer.execute(ScriptedSmsc.this::dropConnections);
                return null;
            }
            SubmitSmResp resp = submit.createResponse();
            Integer status = nextStatuses.poll();
            if (status != null && status != 0) {
                resp.setCommandStatus(status);
            } else {
                resp.setMessageId(newId());
            }
            received.add(new Received(systemId, submit, resp.getMessageId(), resp.getCommandStatus(), at));
            long delay = responseDelayMillis;
            if (delay <= 0) {
                outstanding.decrementAndGet();
                return resp;
            }
            delayer.schedule(() -> {
                outstanding.decrementAndGet();
                try {
                    session.sendResponsePdu(resp);
                } catch (Exception e) {
                    // the client went away meanwhile
                }
            }, delay, TimeUnit.MILLISECONDS);
            return null;
        }
    }
}
