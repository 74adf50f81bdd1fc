package vn.congvu.mail.users;

import java.util.function.Supplier;

import vn.congvu.directory.client.DirectoryClient;
import vn.congvu.directory.client.DirectorySettings;
import vn.congvu.directory.client.DirectoryUnavailableException;

/**
 * The directory client, created on first use rather than at start: in the default run the embedded
 * directory writes the service password on its own first start, possibly after the mail server
 * started. Until settings can be read, every use is a temporary "directory unavailable".
 */
public class DirectoryConnection implements AutoCloseable {
    private final Supplier<DirectorySettings> settings;
    private volatile DirectoryClient client;

    public DirectoryConnection(Supplier<DirectorySettings> settings) {
        this.settings = settings;
    }

    public DirectoryClient client() {
        DirectoryClient current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (client == null) {
                try {
                    client = new DirectoryClient(settings.get());
                } catch (IllegalStateException e) {
                    throw new DirectoryUnavailableException("directory settings not available yet: " + e.getMessage(), e);
                }
            }
            return client;
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
