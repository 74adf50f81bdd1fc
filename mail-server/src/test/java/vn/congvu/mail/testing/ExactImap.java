package vn.congvu.mail.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An IMAP connection read octet by octet, literals included, so that answers can be compared exactly with what
 * the RFC says, CRLFs and literal counts too. Octets are ISO-8859-1 characters, one to one.
 */
public final class ExactImap implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}\r\n$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String greeting;

    private ExactImap(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(30_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.greeting = line();
    }

    public static ExactImap plain(int port) throws IOException {
        return new ExactImap(new Socket("127.0.0.1", port));
    }

    public static ExactImap tls(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return new ExactImap(socket);
    }

    public String greeting() {
        return greeting;
    }

    /** Sends {@code tag command} and returns the whole answer, up to and including the tagged line. */
    public String command(String tag, String command) throws IOException {
        send(tag + " " + command + "\r\n");
        return answer(tag);
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
    }

    /** Every line up to and including the one tagged {@code tag}, literals inside them included. */
    public String answer(String tag) throws IOException {
        StringBuilder answer = new StringBuilder();
        String line;
        do {
            line = response();
            answer.append(line);
        } while (!line.startsWith(tag + " "));
        return answer.toString();
    }

    /** One response line, with the literals it announces and the rest of the line after each. */
    public String response() throws IOException {
        StringBuilder response = new StringBuilder(line());
        Matcher literal = LITERAL.matcher(response);
        while (literal.find()) {
            response.append(new String(in.readNBytes(Integer.parseInt(literal.group(1))), StandardCharsets.ISO_8859_1));
            response.append(line());
            literal = LITERAL.matcher(response);
        }
        return response.toString();
    }

    /** One line, CRLF included. */
    public String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int next;
        do {
            next = in.read();
            if (next < 0) {
                throw new EOFException("Connection closed after " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(next);
        } while (next != '\n');
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection, waiting for it at most the socket's timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
