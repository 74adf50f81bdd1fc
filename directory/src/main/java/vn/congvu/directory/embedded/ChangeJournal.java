package vn.congvu.directory.embedded;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.zip.CRC32C;
import vn.congvu.files.OwnerOnlyFiles;

/**
 * One append-only journal file. Each record is framed as [length][CRC-32C][payload], so a record torn by a crash
 * (or never fully flushed) is recognised on replay and everything from it on is ignored: it was never acknowledged,
 * since acknowledgement waits for {@link #force()}.
 */
final class ChangeJournal implements Closeable {

    /** Larger than any sane entry; a bigger length can only be garbage from a torn write. */
    static final int MAX_RECORD_BYTES = 64 << 20;
    private static final int HEADER_BYTES = 8;

    private final Path path;
    private final FileChannel channel;

    private ChangeJournal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** A new, empty journal; the caller makes its directory entry durable. */
    static ChangeJournal create(Path path) throws IOException {
        return new ChangeJournal(path, FileChannel.open(path,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnlyFiles.fileAttributes()));
    }

    Path path() {
        return path;
    }

    /** Writes the record to the file (the page cache); durable only after {@link #force()}. */
    void append(byte[] payload) throws IOException {
        if (payload.length == 0 || payload.length > MAX_RECORD_BYTES) {
            throw new IOException("journal record of " + payload.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(payload.length).putInt((int) crc.getValue()).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        ByteBuffer[] both = {header, body};
        while (body.hasRemaining()) {
            channel.write(both);
        }
    }

    /** fdatasync: every record appended before this call is on disk when it returns. */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** What {@link #replay} found. */
    record Replay(long records, long validBytes, long ignoredBytes) {
    }

    interface RecordConsumer {
        void accept(byte[] payload) throws IOException;
    }

    /** Feeds every intact record, in order, to the consumer; stops at the first torn or corrupt one. */
    static Replay replay(Path path, RecordConsumer consumer) throws IOException {
        long size = Files.size(path);
        long records = 0;
        long pos = 0;
        try (InputStream raw = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            while (pos + HEADER_BYTES <= size) {
                int length = in.readInt();
                int expectedCrc = in.readInt();
                if (length <= 0 || length > MAX_RECORD_BYTES || pos + HEADER_BYTES + length > size) {
                    break;
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if ((int) crc.getValue() != expectedCrc) {
                    break;
                }
                consumer.accept(payload);
                records++;
                pos += HEADER_BYTES + length;
            }
        } catch (EOFException e) {
            // the file shrank while being read: treat like a torn tail
        }
        return new Replay(records, pos, size - pos);
    }
}
