package vn.congvu.mail.migration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The server mail is migrated from, as {@code --from} names it: {@code imaps://host[:port]} or {@code imap://host[:port]} (STARTTLS). */
record OldServer(String host, int port, boolean implicitTls) {

    static OldServer parse(String from) {
        URI uri;
        try {
            uri = new URI(from);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--from " + from + " is not imaps://host[:port]");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("imaps") && !scheme.equals("imap") || uri.getHost() == null
                || uri.getUserInfo() != null || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))) {
            throw new IllegalArgumentException("--from " + from + " is not imaps://host[:port] (or imap://host[:port] for STARTTLS)");
        }
        boolean tls = scheme.equals("imaps");
        return new OldServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 993 : 143, tls);
    }

    /** A TCP connection, so that an unreachable server is said once and not once per official. */
    void checkReachable() throws IOException {
        checkReachableAs("the old server " + this);
    }

    void checkReachableAs(String what) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
        } catch (IOException e) {
            throw new IOException("cannot reach " + what + " at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return (implicitTls ? "imaps://" : "imap://") + host + ":" + port;
    }
}
