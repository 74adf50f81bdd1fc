package vn.congvu.mail.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

/**
 * The server a migration copies from: a private Dovecot (bench/imap/private-dovecot.sh) on loopback with several
 * accounts and a master user, and the IMAP client the tests fill and read mailboxes with, on both servers.
 */
public final class OldImapServer implements AutoCloseable {
    public static final String MASTER = "admin";

    public final Path dir;
    public final int imapsPort;
    public final Path certificate;

    private OldImapServer(Path dir, int imapsPort) {
        this.dir = dir;
        this.imapsPort = imapsPort;
        this.certificate = dir.resolve("cert.pem");
    }

    /** {@code accounts}: login → password; the master user {@link #MASTER} has {@code masterPassword}. */
    public static OldImapServer start(Path dir, Map<String, String> accounts, String masterPassword) throws Exception {
        Path script = MailServerProcess.configDirectory().getParent().getParent().resolve("bench/imap/private-dovecot.sh");
        List<String> users = accounts.entrySet().stream().map(account -> account.getKey() + ":" + account.getValue()).toList();
        // output to a file: Dovecot's daemon keeps a pipe open after the script ends
        Files.createDirectories(dir);
        // Dovecot's own users walk from the parent (a test's private temporary directory) into dir
        java.util.Set<java.nio.file.attribute.PosixFilePermission> parent = Files.getPosixFilePermissions(dir.getParent());
        parent.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(dir.getParent(), parent);
        Path output = dir.getParent().resolve(dir.getFileName() + "-start.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), "start", dir.toString()))
            .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("DOVECOT_USERS", String.join(" ", users));
        builder.environment().put("DOVECOT_MASTER", MASTER + ":" + masterPassword);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("private Dovecot did not start (Debian package dovecot-imapd): "
                + Files.readString(output, StandardCharsets.UTF_8));
        }
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("env"))) {
            env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return new OldImapServer(dir, Integer.parseInt(env.get("IMAPS_PORT")));
    }

    @Override
    public void close() throws Exception {
        Path script = MailServerProcess.configDirectory().getParent().getParent().resolve("bench/imap/private-dovecot.sh");
        new ProcessBuilder(List.of("bash", script.toString(), "stop", dir.toString()))
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
    }

    public Store connect(String login, String password) throws Exception {
        return imaps(trusting(certificate), imapsPort, login, password);
    }

    public static Store imaps(SSLContext tls, int port, String login, String password) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.imaps.ssl.socketFactory", tls.getSocketFactory());
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        properties.put("mail.imaps.timeout", "30000");
        properties.put("mail.imaps.peek", "true"); // BODY.PEEK[]: reading changes no flag
        Store store = Session.getInstance(properties).getStore("imaps");
        store.connect("127.0.0.1", port, login, password);
        return store;
    }

    public static SSLContext trusting(Path pem) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trustStore.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Appends a message with these flags and this INTERNALDATE, creating the folder if needed. */
    public static void append(Store store, String folderName, String rawMessage, Flags flags, Date internalDate) throws Exception {
        Folder folder = store.getFolder(folderName);
        if (!folder.exists()) {
            folder.create(Folder.HOLDS_MESSAGES);
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
            new java.io.ByteArrayInputStream(rawMessage.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public Date getReceivedDate() {
                return internalDate;
            }
        };
        message.setFlags(flags, true);
        folder.appendMessages(new Message[] {message});
    }

    /** A message as IMAP gives it: its octets, its flags and its INTERNALDATE. */
    public record Seen(String messageId, byte[] octets, Flags flags, Date internalDate) {
    }

    /** Every folder that holds messages (full names), with its messages, read without changing anything. */
    public static Map<String, List<Seen>> read(Store store) throws Exception {
        Map<String, List<Seen>> folders = new HashMap<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            folder.open(Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(messages, profile);
            List<Seen> seen = new ArrayList<>();
            for (Message message : messages) {
                ByteArrayOutputStream octets = new ByteArrayOutputStream();
                message.writeTo(octets);
                String[] id = message.getHeader("Message-ID");
                seen.add(new Seen(id == null ? null : id[0], octets.toByteArray(), message.getFlags(), message.getReceivedDate()));
            }
            folders.put(folder.getFullName(), seen);
            folder.close(false);
        }
        return folders;
    }
}
