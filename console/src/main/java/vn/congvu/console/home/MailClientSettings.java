package vn.congvu.console.home;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What an official types into a mail client, read from the mail server's own listener files
 * ({@code config/james/imapserver.xml}, {@code pop3server.xml}, {@code smtpserver.xml}): each listener's port from its {@code <bind>} line
 * ({@code ${env:VAR:-default}}: the variable when set, else the default written there, the only place it is
 * written) and its TLS mode from {@code <tls socketTLS startTLS>}. The inbound SMTP listener (MX, no AUTH) is not
 * for clients and is left out.
 */
public final class MailClientSettings {

    /** One listener a client may use. */
    public record Listener(String protocol, int port, Tls tls) {
    }

    public enum Tls {
        IMPLICIT("SSL/TLS"), STARTTLS("STARTTLS"), NONE("không");

        private final String label;

        Tls(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Z0-9_]+):-([^}]*)}");
    private static final String INBOUND = "smtp-inbound";

    private final String host;
    private final List<Listener> listeners;

    MailClientSettings(String host, List<Listener> listeners) {
        this.host = host;
        this.listeners = List.copyOf(listeners);
    }

    /** From the configuration directory's {@code james/} files, resolved against {@code env}. */
    public static MailClientSettings read(Path configDir, String host, Map<String, String> env) {
        Function<String, String> lookup = env::get;
        List<Listener> all = new ArrayList<>();
        all.addAll(listeners(configDir.resolve("james/imapserver.xml"), "imapserver", "IMAP", lookup));
        all.addAll(listeners(configDir.resolve("james/pop3server.xml"), "pop3server", "POP3", lookup));
        all.addAll(listeners(configDir.resolve("james/smtpserver.xml"), "smtpserver", "SMTP", lookup));
        return new MailClientSettings(host, all);
    }

    public String host() {
        return host;
    }

    public List<Listener> listeners() {
        return listeners;
    }

    private static List<Listener> listeners(Path file, String element, String protocol,
                                            Function<String, String> env) {
        Document doc = parse(file);
        NodeList servers = doc.getElementsByTagName(element);
        List<Listener> found = new ArrayList<>();
        for (int i = 0; i < servers.getLength(); i++) {
            Element server = (Element) servers.item(i);
            if ("false".equalsIgnoreCase(server.getAttribute("enabled"))
                    || INBOUND.equals(child(server, "jmxName"))) {
                continue;
            }
            String bind = resolve(child(server, "bind"), env, file);
            int port = Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1).strip());
            Element tls = (Element) server.getElementsByTagName("tls").item(0);
            Tls mode = tls == null ? Tls.NONE : "true".equalsIgnoreCase(tls.getAttribute("socketTLS")) ? Tls.IMPLICIT
                    : "true".equalsIgnoreCase(tls.getAttribute("startTLS")) ? Tls.STARTTLS : Tls.NONE;
            found.add(new Listener(protocol, port, mode));
        }
        return found;
    }

    /** {@code ${env:VAR:-default}} replaced by the variable's value when set and not empty, else the default. */
    static String resolve(String text, Function<String, String> env, Path file) {
        if (text == null) {
            throw new IllegalStateException(file + ": a listener without <bind>");
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = env.apply(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(value == null || value.isBlank() ? m.group(2) : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String child(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read the mail server's listeners from " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
