package vn.congvu.mail.testing;

import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Angus (jakarta.mail) sessions configured as a mail client would be: TLS only, the server's certificate trusted. */
public final class MailClients {
    private final MailServerProcess server;
    private final SSLContext tls;

    public MailClients(MailServerProcess server) throws Exception {
        this.server = server;
        this.tls = ServerTrust.of(server);
    }

    public SSLContext tls() {
        return tls;
    }

    /** Submission on 2587 with STARTTLS required. */
    public Session submissionSession() {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.submissionPort));
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.timeout", "30000");
        properties.put("mail.smtp.connectiontimeout", "10000");
        return Session.getInstance(properties);
    }

    /** Submission on 2465, implicit TLS. */
    public Session smtpsSession() {
        Properties properties = new Properties();
        properties.put("mail.smtps.host", "127.0.0.1");
        properties.put("mail.smtps.port", String.valueOf(server.smtpsPort));
        properties.put("mail.smtps.auth", "true");
        properties.put("mail.smtps.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.smtps.ssl.checkserveridentity", "true");
        properties.put("mail.smtps.timeout", "30000");
        return Session.getInstance(properties);
    }

    /** IMAPS on 2993. */
    public Store imaps(String user, String password) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.imaps.ssl.checkserveridentity", "true");
        properties.put("mail.imaps.timeout", "30000");
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect("127.0.0.1", server.imapsPort, user, password);
        return store;
    }

    /** IMAP on 2143 with STARTTLS required. */
    public Store imapStartTls(String user, String password) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imap.starttls.enable", "true");
        properties.put("mail.imap.starttls.required", "true");
        properties.put("mail.imap.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.imap.ssl.checkserveridentity", "true");
        properties.put("mail.imap.timeout", "30000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("127.0.0.1", server.imapPort, user, password);
        return store;
    }

    public MimeMessage message(Session session, String from, String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        return message;
    }

    public void submit(String from, String password, String to, String subject, String text) throws Exception {
        Session session = submissionSession();
        Transport.send(message(session, from, to, subject, text), from, password);
    }

    /** A mail from another domain's MX (port 2525, no AUTH); fails unless every RCPT and the DATA get 250. */
    public void fromOutside(List<String> recipients, String subject) throws Exception {
        try (SmtpDialog smtp = SmtpDialog.plain(server.smtpPort, tls)) {
            smtp.send("EHLO mx.other.example.org");
            smtp.send("MAIL FROM:<van.thu@other.example.org>");
            for (String recipient : recipients) {
                accepted(smtp.send("RCPT TO:<" + recipient + ">"));
            }
            accepted(smtp.data("From: van.thu@other.example.org\r\nTo: " + String.join(", ", recipients)
                + "\r\nSubject: " + subject + "\r\n\r\nvan ban\r\n"));
        }
    }

    private static void accepted(String reply) {
        if (SmtpDialog.code(reply) != 250) {
            throw new IllegalStateException("Refused: " + reply);
        }
    }
}
