package vn.congvu.mail.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.james.server.core.MimeMessageSource;

/** The message part of a spool file, from its offset to the end, read each time James asks for it. */
final class SpoolMessageSource implements MimeMessageSource {
    private final Path file;
    private final long offset;
    private final long size;

    SpoolMessageSource(Path file, long offset, long size) {
        this.file = file;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public String getSourceId() {
        return file.toString();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        channel.position(offset);
        return new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
    }

    @Override
    public long getMessageSize() {
        return size;
    }
}
