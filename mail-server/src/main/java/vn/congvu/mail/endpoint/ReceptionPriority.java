package vn.congvu.mail.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Runs the threads that receive SMTP at a lower CPU priority (a higher Linux nice value) than those that deliver,
 * the way Postfix favours delivering the queue over accepting more (its in_flow_delay). On two cores busy with
 * mail, SMTP sessions took the CPU while a delivery held its mailbox's lock, and every delivery to that mailbox
 * waited: accepted mail piled up in the queue and was delivered after the senders had gone. Lowered, reception
 * slows down when delivery falls behind, and IMAP (left at normal priority) stays responsive. Since mail is
 * processed before the answer ({@link ProcessBeforeReply}) the SMTP threads deliver it themselves, and this
 * matters for the spool queue's path only: with it on, 796 msg/s warm against 804 at nice 0, within noise.
 *
 * <p>Configured in each SMTP server's handler chain; {@code <nice>} is the value (0 leaves the priority as it is).
 * A thread is lowered when it first handles something (it sees every handler's result, and passes it on as it
 * is: a connect handler may not answer nothing in James 3.8.1). Linux only (a thread's own nice value through
 * setpriority); elsewhere it does nothing.
 */
public class ReceptionPriority implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceptionPriority.class);
    private static final int PRIO_PROCESS = 0;
    private static final int DEFAULT_NICE = 10;
    private static final ThreadLocal<Boolean> LOWERED = ThreadLocal.withInitial(() -> false);

    interface C extends Library {
        int setpriority(int which, int who, int prio);
    }

    private static final AtomicBoolean UNSUPPORTED_LOGGED = new AtomicBoolean();
    private static volatile C libc;
    private int nice = DEFAULT_NICE;

    @Override
    public void init(Configuration config) throws ConfigurationException {
        nice = config.getInt("nice", DEFAULT_NICE);
        if (nice < 0 || nice > 19) {
            throw new ConfigurationException("ReceptionPriority: <nice> must be between 0 and 19, not " + nice);
        }
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (!LOWERED.get()) {
            LOWERED.set(true);
            lowerThisThread(nice);
        }
        return response;
    }

    /** Sets the calling thread's nice value; false (logged) where that is not possible. */
    static boolean lowerThisThread(int nice) {
        if (nice == 0) {
            return true;
        }
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>": the calling thread's own id, without a native call
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            int tid = Integer.parseInt(self.getFileName().toString());
            if (libc().setpriority(PRIO_PROCESS, tid, nice) != 0) {
                LOGGER.warn("Could not lower the priority of SMTP thread {} (errno {})", Thread.currentThread().getName(),
                    Native.getLastError());
                return false;
            }
            LOGGER.debug("SMTP thread {} runs at nice {}", Thread.currentThread().getName(), nice);
            return true;
        } catch (IOException | RuntimeException | LinkageError e) {
            if (UNSUPPORTED_LOGGED.compareAndSet(false, true)) {
                LOGGER.info("SMTP threads keep their priority here ({})", e.toString());
            }
            return false;
        }
    }

    private static C libc() {
        if (libc == null) {
            libc = Native.load("c", C.class);
        }
        return libc;
    }
}
