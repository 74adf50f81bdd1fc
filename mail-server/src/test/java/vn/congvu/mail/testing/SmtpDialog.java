package vn.congvu.mail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A line-by-line SMTP client, for asserting the exact reply codes of refusals (relay, spoofing,
 * AUTH before STARTTLS) that a high-level client would hide.
 */
public final class SmtpDialog implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;
    private final SSLContext tls;

    private SmtpDialog(Socket socket, SSLContext tls) throws IOException {
        this.tls = tls;
        use(socket);
    }

    public static SmtpDialog plain(int port, SSLContext tls) throws IOException {
        SmtpDialog dialog = new SmtpDialog(new Socket("127.0.0.1", port), tls);
        dialog.reply();
        return dialog;
    }

    public static SmtpDialog implicitTls(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        SmtpDialog dialog = new SmtpDialog(socket, tls);
        dialog.reply();
        return dialog;
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    /** Sends one command and returns the whole (possibly multi-line) reply. */
    public String send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply();
    }

    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("Connection closed; got so far: " + reply);
            }
            reply.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    public void startTls() throws IOException {
        String answer = send("STARTTLS");
        if (!answer.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + answer);
        }
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        secured.startHandshake();
        use(secured);
    }

    public String authPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return send("AUTH PLAIN " + token);
    }

    /** DATA with dot-stuffing; returns the reply to the final dot. */
    public String data(String message) throws IOException {
        String answer = send("DATA");
        if (!answer.startsWith("354")) {
            return answer;
        }
        StringBuilder body = new StringBuilder();
        for (String line : message.split("\r\n", -1)) {
            body.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        return send(".");
    }

    public static int code(String reply) {
        return Integer.parseInt(reply.substring(0, 3));
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT");
        } catch (IOException ignored) {
            // the server may already have closed the connection
        } finally {
            socket.close();
        }
    }
}
