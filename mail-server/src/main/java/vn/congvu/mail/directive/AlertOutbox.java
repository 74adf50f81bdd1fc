package vn.congvu.mail.directive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.congvu.files.DirectoryFsync;

/**
 * The mail server's durable side of the hand-over: one small JSON file per directive document in
 * {@code pending/}, written and fsync'd (file, then directory) before the mailet returns, so an alert whose
 * mail got its 250 survives a crash; moved to {@code sent/} once the gateway took it, to {@code refused/}
 * when the gateway refuses it for good. Files rather than a table of the mailbox database: the queue
 * already gives at-least-once processing, so the outbox only needs an atomic create-if-absent keyed by the
 * document, which a rename gives on any file system, whatever database (Derby, PostgreSQL) holds mailboxes.
 * A mail processed again after a crash finds its file and adds nothing; the gateway's
 * (Message-ID, number) key covers the rest (the same document reaching other recipients, other mail nodes).
 */
final class AlertOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration KEEP_SENT = Duration.ofDays(30);

    private final Path pending;
    private final Path sent;
    private final Path refused;

    AlertOutbox(Path directory) {
        this.pending = directory.resolve("pending");
        this.sent = directory.resolve("sent");
        this.refused = directory.resolve("refused");
        try {
            Files.createDirectories(pending);
            Files.createDirectories(sent);
            Files.createDirectories(refused);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directive alert outbox in " + directory, e);
        }
    }

    /** Stores the alert durably; false when this document's alerts to these recipients are already there. */
    boolean add(PendingAlert alert) throws IOException {
        String key = key(alert);
        String name = key + ".json";
        if (Files.exists(pending.resolve(name)) || Files.exists(sent.resolve(name))) {
            return false;
        }
        Path tmp = pending.resolve("." + key + "." + Thread.currentThread().getId() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(alert));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(tmp, pending.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DirectoryFsync.force(pending);
        return true;
    }

    /** Names of the documents waiting (in no particular order). */
    List<String> pendingKeys() throws IOException {
        List<String> keys = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pending, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                keys.add(name.substring(0, name.length() - ".json".length()));
            }
        }
        return keys;
    }

    Optional<PendingAlert> read(String key) throws IOException {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(pending.resolve(key + ".json")), PendingAlert.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void markSent(String key) throws IOException {
        moveOut(key, sent);
    }

    void markRefused(String key) throws IOException {
        moveOut(key, refused);
    }

    /** Forgets documents handed over long ago: a mail is not processed again after that long. */
    void pruneSent(Instant now) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(sent, "*.json")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(KEEP_SENT))) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private void moveOut(String key, Path to) throws IOException {
        Path file = to.resolve(key + ".json");
        Files.move(pending.resolve(key + ".json"), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now()));
        DirectoryFsync.force(pending);
    }

    /** One document for one set of recipients: the same mail processed again gives the same key. */
    static String key(PendingAlert alert) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(alert.messageId().getBytes(StandardCharsets.UTF_8));
            alert.recipients().stream().map(PendingAlert.Recipient::target).sorted().forEach(target -> {
                sha.update((byte) '\n');
                sha.update(target.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
