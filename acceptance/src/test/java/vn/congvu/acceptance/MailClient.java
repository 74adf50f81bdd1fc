package vn.congvu.acceptance;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A mail client as an official's would be (Angus Mail): submission with STARTTLS required and AUTH, IMAPS; it
 * trusts only the certificate the mail server generated into {@code $CONGVU_HOME/mail/var/tls} on first start.
 */
final class MailClient {

    private final CongVu system;
    private final SSLContext tls;

    MailClient(CongVu system) throws Exception {
        this.system = system;
        Path tlsDir = system.home.resolve("mail/var/tls");
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tlsDir.resolve("keystore.p12"))) {
            server.load(in, Files.readString(tlsDir.resolve("keystore.secret"), StandardCharsets.UTF_8).strip().toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("congvu-mail", server.getCertificate("congvu-mail"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
    }

    /** Submission: STARTTLS required before AUTH, as the server insists. */
    Session submissionSession() {
        return session("smtp", "host", "127.0.0.1", "port", system.submissionPort, "auth", true,
                "starttls.enable", true, "starttls.required", true, "connectiontimeout", 10000);
    }

    /** A session of {@code protocol} that trusts only the server's certificate and checks its name. */
    private Session session(String protocol, Object... keyValues) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".ssl.socketFactory", tls.getSocketFactory());
        p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        p.put("mail." + protocol + ".timeout", "60000");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put("mail." + protocol + "." + keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return Session.getInstance(p);
    }

    /** Sends over submission; the server has accepted it (250) when this returns. */
    void submit(MimeMessage message, String user, String password) throws Exception {
        Transport.send(message, user, password);
    }

    /** What an official sees in INBOX over IMAPS. */
    List<Received> inbox(String user, String password) throws Exception {
        Store store = session("imaps").getStore("imaps");
        store.connect("127.0.0.1", system.imapsPort, user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Received> received = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                received.add(Received.of((MimeMessage) m));
            }
            inbox.close(false);
            return received;
        } finally {
            store.close();
        }
    }

    /** One message as read back: headers and the decoded attachments by file name. */
    record Received(String messageId, String subject, String from, List<Attachment> attachments) {

        static Received of(MimeMessage m) throws Exception {
            List<Attachment> attachments = new ArrayList<>();
            if (m.getContent() instanceof MimeMultipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    Part part = multipart.getBodyPart(i);
                    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                        try (InputStream in = part.getInputStream()) {
                            attachments.add(new Attachment(part.getFileName(), part.getContentType(), in.readAllBytes()));
                        }
                    }
                }
            }
            return new Received(m.getMessageID(), m.getSubject(), m.getFrom()[0].toString(), attachments);
        }
    }

    record Attachment(String fileName, String contentType, byte[] content) {
    }
}
