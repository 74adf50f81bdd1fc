package vn.congvu.mail.testing;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;

/**
 * One running mail server for a test class (a static {@code @RegisterExtension} field), whose accounts are four
 * officials of a real slapd ({@link SlapdAccounts}), and real clients over TLS to it: the set-up of the tests of
 * the mail ports' external contract.
 */
public final class MailFlowServer implements BeforeAllCallback, AfterAllCallback {
    public static final String PASSWORD_A = "Mat-khau-A-2026";
    public static final String PASSWORD_B = "Mat-khau-B-2026";
    public static final String A = MailServerProcess.address("nguyen.van.a");
    public static final String B = MailServerProcess.address("tran.thi.b");
    public static final String C = MailServerProcess.address("dinh.van.c");
    public static final String D = MailServerProcess.address("quach.thi.d");

    private final SlapdAccounts directory = new SlapdAccounts();
    public MailServerProcess server;
    public MailClients clients;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory.beforeAll(context);
        server = directory.mailServer(directory.newHome("mail-flow")).start();
        server.createUser(A, PASSWORD_A);
        server.createUser(B, PASSWORD_B);
        server.createUser(C, PASSWORD_A);
        server.createUser(D, PASSWORD_B);
        clients = new MailClients(server);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            directory.afterAll(context);
        }
    }

    /** Delivery is asynchronous (spool queue): poll over IMAP until the message is there. */
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
