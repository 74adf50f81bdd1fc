package vn.congvu.mail.testing;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * Several MX clients delivering numbered messages to one recipient over port 2525, recording exactly
 * which ones the server accepted (250 after the final dot). Stops at a count or when the server dies.
 */
public final class SmtpLoad {
    private final int port;
    private final SSLContext tls;
    private final String recipient;
    private final String prefix;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private ExecutorService executor;
    private List<Future<?>> workers;

    public SmtpLoad(int port, SSLContext tls, String recipient, String prefix) {
        this.port = port;
        this.tls = tls;
        this.recipient = recipient;
        this.prefix = prefix;
    }

    /** Starts {@code clients} senders that stop after {@code total} messages in all. */
    public SmtpLoad start(int clients, int total) {
        executor = Executors.newFixedThreadPool(clients);
        workers = java.util.stream.IntStream.range(0, clients)
            .mapToObj(i -> executor.submit(() -> send(total)))
            .collect(java.util.stream.Collectors.toList());
        return this;
    }

    private void send(int total) {
        while (!stop.get()) {
            try (SmtpDialog smtp = SmtpDialog.plain(port, tls)) {
                smtp.send("EHLO load.other.example.org");
                while (!stop.get()) {
                    int number = next.getAndIncrement();
                    if (number >= total) {
                        return;
                    }
                    String subject = prefix + "-" + number;
                    attempted.add(subject);
                    smtp.send("MAIL FROM:<load@other.example.org>");
                    smtp.send("RCPT TO:<" + recipient + ">");
                    String reply = smtp.data("From: load@other.example.org\r\nTo: " + recipient
                        + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + subject + "@load.test>\r\n\r\n"
                        + ("Noi dung van ban " + subject + "\r\n").repeat(40));
                    if (reply.startsWith("250")) {
                        accepted.add(subject);
                    }
                }
            } catch (IOException e) {
                // Server gone (killed): this client stops; the test decides what to do next.
                return;
            }
        }
    }

    public int acceptedCount() {
        return accepted.size();
    }

    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    public Set<String> attempted() {
        return Set.copyOf(attempted);
    }

    public void awaitDone(long seconds) throws Exception {
        for (Future<?> worker : workers) {
            worker.get(seconds, TimeUnit.SECONDS);
        }
        executor.shutdownNow();
    }

    public void halt() throws InterruptedException {
        stop.set(true);
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
