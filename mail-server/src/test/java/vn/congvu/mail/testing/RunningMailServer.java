package vn.congvu.mail.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import vn.congvu.directory.testing.Slapd;

/**
 * A started mail server on its own throwaway slapd of officials ({@link SlapdAccounts}), with clients that trust
 * it: a test declares what it needs instead of starting and stopping both itself.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final RunningMailServer MAIL = RunningMailServer.onSlapd()
 *     .environment("CONGVU_MAX_MESSAGE_SIZE", "1M")
 *     .account(A, PASSWORD);
 * </pre>
 *
 * In a static field the server (and its directory) is started before the class's first test and stopped after its
 * last; in an instance field, a fresh one for each test ({@link TestScope}). The server is started after the directory has the entries
 * of {@link #beforeStart} and with the {@link #environment}; the {@link #account}s are added once it runs. A test may
 * stop, kill and start {@link #server()} again; it is stopped at the end whatever its state.
 */
public final class RunningMailServer extends TestScope {
    /** Work on the directory before the server starts (entries, files under its data directory). */
    @FunctionalInterface
    public interface DirectoryStep {
        void apply(SlapdAccounts directory) throws Exception;
    }

    /** A value known only once the directory runs, such as a file written under its data directory. */
    @FunctionalInterface
    public interface PreparedValue {
        String of(SlapdAccounts directory) throws Exception;
    }

    private final SlapdAccounts directory = new SlapdAccounts();
    private final List<DirectoryStep> beforeStart = new ArrayList<>();
    private final Map<String, PreparedValue> environment = new LinkedHashMap<>();
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private MailServerProcess server;
    private MailClients clients;

    private RunningMailServer() {
    }

    /** A mail server whose accounts are the officials of a fresh slapd ({@link OfficialsDirectory}). */
    public static RunningMailServer onSlapd() {
        return new RunningMailServer();
    }

    /** A CONGVU_* (or other) variable of the server's environment, over the directory's. */
    public RunningMailServer environment(String name, String value) {
        return environment(name, directory -> value);
    }

    /** A variable whose value is worked out just before the server starts. */
    public RunningMailServer environment(String name, PreparedValue value) {
        environment.put(name, value);
        return this;
    }

    /** Work on the directory before the server starts, in the order given. */
    public RunningMailServer beforeStart(DirectoryStep step) {
        beforeStart.add(step);
        return this;
    }

    /** An official with this password, added once the server runs ({@link MailServerProcess#createUser}). */
    public RunningMailServer account(String address, String password) {
        accounts.put(address, password);
        return this;
    }

    @Override
    void start() throws Exception {
        directory.start();
        for (DirectoryStep step : beforeStart) {
            step.apply(directory);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, PreparedValue> variable : environment.entrySet()) {
            values.put(variable.getKey(), variable.getValue().of(directory));
        }
        // Kept before it starts, so that one that did not start in time is stopped too.
        server = directory.mailServer(directory.newHome("mail"), values);
        server.start();
        for (Map.Entry<String, String> account : accounts.entrySet()) {
            server.createUser(account.getKey(), account.getValue());
        }
        clients = new MailClients(server);
    }

    @Override
    void stop() throws Exception {
        // The server before its directory; one that did not start is null and skipped.
        try {
            if (server != null) {
                server.stop();
                server = null;
                clients = null;
            }
        } finally {
            directory.stop();
        }
    }

    public MailServerProcess server() {
        return server;
    }

    /** Mail clients trusting the server's certificate. */
    public MailClients clients() {
        return clients;
    }

    /** TLS that trusts the server's certificate (generated at its first start). */
    public SSLContext tls() {
        return clients.tls();
    }

    public SlapdAccounts directory() {
        return directory;
    }

    public Slapd slapd() {
        return directory.slapd();
    }

    /** Delivery may be asynchronous (spool queue): polls over IMAP until the message is there. */
    public Message awaitMessage(String user, String password, String folder, String subject) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Store store = clients.imaps(user, password);
            Folder inbox = store.getFolder(folder);
            inbox.open(Folder.READ_ONLY);
            Message[] found = inbox.search(new SubjectTerm(subject));
            if (found.length > 0) {
                MimeMessage copy = new MimeMessage((MimeMessage) found[0]);
                store.close();
                return copy;
            }
            store.close();
            Thread.sleep(300);
        }
        throw new AssertionError("No message '" + subject + "' for " + user + " in " + folder + "\n" + server.logTail());
    }
}
