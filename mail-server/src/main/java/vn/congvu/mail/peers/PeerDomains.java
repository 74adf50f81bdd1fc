package vn.congvu.mail.peers;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The other government levels' mail domains ({@code config/james/peer-domains.properties}, one line each:
 * {@code <domain> = tls} or {@code <domain> = tls, directives}): mail to them is not "outside" for the outbound
 * limit, and a peer marked {@code directives} is a trusted directive source. A line the loader cannot read stops
 * the start with the line's domain named.
 */
public final class PeerDomains {
    public static final String FILE = "peer-domains.properties";
    private static final Set<String> MARKS = Set.of("tls", "directives");

    private final Map<String, Set<String>> peers;

    private PeerDomains(Map<String, Set<String>> peers) {
        this.peers = Map.copyOf(peers);
    }

    public static PeerDomains none() {
        return new PeerDomains(Map.of());
    }

    public static PeerDomains load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the peer domains " + file + ": " + e.getMessage(), e);
        }
        Map<String, Set<String>> peers = new TreeMap<>();
        for (String domain : p.stringPropertyNames()) {
            Set<String> marks = Arrays.stream(p.getProperty(domain).split(",")).map(String::strip)
                .map(m -> m.toLowerCase(Locale.ROOT)).filter(m -> !m.isEmpty()).collect(Collectors.toSet());
            if (!marks.contains("tls") || !MARKS.containsAll(marks)) {
                throw new IllegalStateException(file + ": " + domain + " = " + p.getProperty(domain)
                    + ": write 'tls' or 'tls, directives' (peers are reached over verified TLS only)");
            }
            peers.put(domain.toLowerCase(Locale.ROOT), marks);
        }
        return new PeerDomains(peers);
    }

    public boolean isPeer(String domain) {
        return peers.containsKey(domain.toLowerCase(Locale.ROOT));
    }

    public boolean isDirectiveSource(String domain) {
        return peers.getOrDefault(domain.toLowerCase(Locale.ROOT), Set.of()).contains("directives");
    }
}
