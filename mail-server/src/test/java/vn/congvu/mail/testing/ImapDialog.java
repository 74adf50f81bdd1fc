package vn.congvu.mail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A tagged-command IMAP client for protocol details clients hide (LOGINDISABLED, CONDSTORE responses). */
public final class ImapDialog implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private int tag;

    private ImapDialog(Socket socket) throws IOException {
        use(socket);
        in.readLine();
    }

    public static ImapDialog plain(int port) throws IOException {
        return new ImapDialog(new Socket("127.0.0.1", port));
    }

    public static ImapDialog implicitTls(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new ImapDialog(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends a command; returns every line up to and including the tagged completion. */
    public List<String> send(String command) throws IOException {
        String id = "c" + (++tag);
        out.write((id + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Connection closed after " + lines);
            }
            lines.add(line);
        } while (!line.startsWith(id + " "));
        return lines;
    }

    /** AUTHENTICATE PLAIN (RFC 4616), so any UTF-8 password goes as typed. */
    public List<String> login(String user, String password) throws IOException {
        String id = "c" + (++tag);
        out.write((id + " AUTHENTICATE PLAIN\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = in.readLine();
        if (line == null || !line.startsWith("+")) {
            throw new IOException("No continuation for AUTHENTICATE: " + line);
        }
        String credentials = java.util.Base64.getEncoder()
            .encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        out.write((credentials + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return untilCompletion(id, new ArrayList<>());
    }

    /** APPEND of {@code message} (CRLF lines) with the given flags, e.g. {@code "(\\Seen)"} or {@code ""}. */
    public List<String> append(String mailbox, String flags, String message) throws IOException {
        return sendWithLiteral("APPEND \"" + mailbox + "\"" + (flags.isEmpty() ? "" : " " + flags),
            message.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code head {n}}, the continuation awaited, then the literal; every line to the completion. */
    private List<String> sendWithLiteral(String head, byte[] literal) throws IOException {
        String id = "c" + (++tag);
        out.write((id + " " + head + " {" + literal.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> lines = new ArrayList<>();
        String line = in.readLine();
        if (line == null || !line.startsWith("+")) {
            throw new IOException("No continuation for " + head + ": " + line);
        }
        out.write(literal);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return untilCompletion(id, lines);
    }

    private List<String> untilCompletion(String id, List<String> lines) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Connection closed after " + lines);
            }
            lines.add(line);
        } while (!line.startsWith(id + " "));
        return lines;
    }

    public static String completion(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        return last.substring(last.indexOf(' ') + 1);
    }

    public void startTls(SSLContext tls) throws IOException {
        List<String> answer = send("STARTTLS");
        if (!completion(answer).startsWith("OK")) {
            throw new IOException("STARTTLS refused: " + answer);
        }
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secured.startHandshake();
        use(secured);
    }

    @Override
    public void close() throws IOException {
        try {
            send("LOGOUT");
        } catch (IOException ignored) {
            // already closed
        } finally {
            socket.close();
        }
    }
}
